import OpenAI, { AuthenticationError } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";
import { DRAFT_SYSTEM_PROMPT, draftUserMessage } from "@/lib/prompts/instructions";
import { createDraftParser } from "@/lib/prompts/parse";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";

/** The real `openai` SDK against the local engine's chat completions. */

const KEY = "sk-test-local";
const openai = (apiKey = KEY) => new OpenAI({ apiKey, baseURL: `${ENGINE_ORIGIN}${LOCAL_OPENAI_PATH}`, fetch: engineFetch, maxRetries: 0 });
const messages = (idea: string, count: number, target: "image" | "video" = "image") => [
  { role: "system" as const, content: DRAFT_SYSTEM_PROMPT },
  { role: "user" as const, content: draftUserMessage({ idea, target, count }) },
];

beforeAll(async () => await useStudioEnv({ OPENAI_API_KEY: KEY }));

describe("local engine: chat completions", () => {
  it("streams chunks that add up to the requested number of valid drafts", async () => {
    const stream = await openai().chat.completions.create({ model: "gpt-test", stream: true, messages: messages("a fox librarian", 4) });
    const parser = createDraftParser();
    let chunks = 0;
    const drafts = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (!delta) continue;
      chunks++;
      drafts.push(...parser.push(delta));
    }
    drafts.push(...parser.end());
    expect(chunks).toBeGreaterThan(20);
    expect(drafts).toHaveLength(4);
    for (const d of drafts) expect(d.prompt.toLowerCase()).toContain("fox librarian");
  });

  it("is deterministic for the same idea and differs for another", async () => {
    const text = async (idea: string) =>
      (await openai().chat.completions.create({ model: "m", messages: messages(idea, 2) })).choices[0]!.message.content;
    expect(await text("neon city")).toBe(await text("neon city"));
    expect(await text("neon city")).not.toBe(await text("quiet harbour"));
  });

  it("writes camera motion into video prompts", async () => {
    const res = await openai().chat.completions.create({ model: "m", messages: messages("a waterfall", 2, "video") });
    expect(res.choices[0]!.message.content).toMatch(/dolly|orbit|tracking|crane|push/);
  });

  it("answers other requests from the local answer module: reasoning as reasoning_content, cut at max_completion_tokens", async () => {
    const ask = { model: "o4-mini", messages: [{ role: "user" as const, content: "Summarise: Bees make honey. Bees guard the hive. Cats sleep." }] };
    const stream = await openai().chat.completions.create({ ...ask, stream: true, reasoning_effort: "medium", stream_options: { include_usage: true } });
    let reasoning = "";
    let text = "";
    let usage;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      if (delta?.reasoning_content) {
        expect(text).toBe(""); // the working comes first
        reasoning += delta.reasoning_content;
      }
      text += delta?.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(reasoning).toMatch(/Scored each sentence/);
    expect(text).toMatch(/^## Summary\n\n- Bees/);
    expect(usage).toMatchObject({ completion_tokens: expect.any(Number) });
    const cut = await openai().chat.completions.create({ ...ask, max_completion_tokens: 3 });
    expect(cut.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "## Summary" } });
    const plain = await openai().chat.completions.create({ model: "m", messages: [{ role: "user", content: "Tell me a joke" }] });
    expect(plain.choices[0]!.message.content).toMatch(/^The local engine has no language model/);
  });

  it("rejects a wrong key with OpenAI's 401 error", async () => {
    await expect(openai("sk-wrong").chat.completions.create({ model: "m", messages: messages("x y z", 1) })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("answers 400 to a malformed body", async () => {
    const res = await engineFetch(`${ENGINE_ORIGIN}${LOCAL_OPENAI_PATH}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});
