import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { localAnswer } from "@/lib/local-engine/llm/answer";
import { resetEnvCache } from "@/lib/env";
import { draftPromptStream } from "@/lib/prompts/draft";
import { textStream } from "@/lib/tasks/text/server";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { isDriving } from "./driving";
import { getJob } from "./repository";
import { isTerminal, type JobRecord } from "./schema";
import { startStreamJob, type StreamWork } from "./stream-job";

/** A streamed job's life: its record, its NDJSON, and how it ends (done, failed, stopped, left). */

beforeAll(async () => {
  vi.stubGlobal("fetch", engineFetch);
  await useStudioEnv({ FAL_KEY: "k", OPENAI_API_KEY: "sk-k", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0" });
});
afterAll(() => vi.unstubAllGlobals());

type Ev = { type: string; [k: string]: unknown };

async function readAll(stream: ReadableStream<Uint8Array>, onEvent?: (e: Ev) => void): Promise<Ev[]> {
  const events: Ev[] = [];
  let buffer = "";
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      const e = JSON.parse(line) as Ev;
      events.push(e);
      onEvent?.(e);
    }
  }
  return events;
}

async function settled(id: string): Promise<JobRecord> {
  for (let i = 0; i < 200; i++) {
    const job = (await getJob(id))!;
    if (isTerminal(job.status) && !isDriving(id)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the job did not finish");
}

const start = (work: StreamWork<Ev>, signal = new AbortController().signal) =>
  startStreamJob<"text", Ev>({ task: "text", input: { task: "text", prompt: "p", reasoning: false }, endpointId: "openai/m", engine: "local", model: "m", failure: "It failed.", work }, signal);

describe("startStreamJob", () => {
  it("announces the job, streams the work's events, ends with its done event and a done record", async () => {
    const stream = await start(async ({ send, keep }) => {
      send({ type: "text", text: "Hel" });
      send({ type: "text", text: "lo" });
      keep({ text: "Hello", reasoning: "r", usage: { inputTokens: 1, outputTokens: 2 } });
      return { type: "done" };
    });
    const events = await readAll(stream);
    expect(events.map((e) => e.type)).toEqual(["job", "text", "text", "done"]);
    expect(events[0]).toMatchObject({ engine: "local", model: "m" });
    const job = await settled(events[0]!.id as string);
    expect(job).toMatchObject({ task: "text", status: "done", text: "Hello", reasoning: "r", usage: { inputTokens: 1, outputTokens: 2 }, endpointId: "openai/m" });
    expect(job.timeline.map((t) => t.status)).toEqual(["queued", "running", "done"]);
    expect(job.timings.totalMs).toEqual(expect.any(Number));
  });

  it("a stop (abort) cancels the record and keeps what was written", async () => {
    const controller = new AbortController();
    const stream = await start(async ({ send, keep, signal }) => {
      keep({ text: "partial answ" });
      send({ type: "text", text: "partial answ" });
      controller.abort();
      await new Promise((r) => setTimeout(r, 5));
      if (!signal.aborted) keep({ text: "never" });
    }, controller.signal);
    const events = await readAll(stream);
    const job = await settled(events[0]!.id as string);
    expect(job.status).toBe("cancelled");
    expect(job.text).toBe("partial answ");
    expect(events.map((e) => e.type)).toEqual(["job", "text"]);
  });

  it("a failure fails the record with the AppError's message (or the task's own), sent as an error event", async () => {
    const shown = await readAll(await start(async ({ keep }) => {
      keep({ text: "so far" });
      throw new AppError("upstream", "The model is overloaded.");
    }));
    expect(shown.at(-1)).toEqual({ type: "error", message: "The model is overloaded." });
    expect(await settled(shown[0]!.id as string)).toMatchObject({ status: "failed", error: { code: "upstream", message: "The model is overloaded." }, text: "so far" });
    const hidden = await readAll(await start(async () => { throw new TypeError("x is undefined"); }));
    expect(hidden.at(-1)).toEqual({ type: "error", message: "It failed." });
  });

  it("finishes the record when the browser leaves mid-stream", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stream = await start(async ({ send, keep }) => {
      send({ type: "text", text: "a" });
      await gate;
      send({ type: "text", text: "b" }); // nobody is reading any more: dropped, no error
      keep({ text: "ab" });
      return { type: "done" };
    });
    const reader = stream.getReader();
    const first = JSON.parse(new TextDecoder().decode((await reader.read()).value!).split("\n")[0]!) as Ev;
    await reader.cancel();
    release();
    expect(await settled(first.id as string)).toMatchObject({ status: "done", text: "ab" });
  });
});

describe("textStream on the local engine", () => {
  it.each(["openai:gpt-4.1-mini", "openrouter:google/gemini-2.5-flash"])("%s: streams the local answer and records it", async (model) => {
    const text = "Bees make honey in the hive. The weather was dull. Honey bees guard the hive and its honey. A cat slept.";
    const events = await readAll(await textStream({ task: "text", model, prompt: `Summarise: ${text}`, reasoning: false }, new AbortController().signal));
    expect(events[0]).toMatchObject({ type: "job", engine: "local" });
    const written = events.filter((e) => e.type === "text").map((e) => e.text).join("");
    expect(written).toMatch(/^## Summary/);
    expect(events.at(-1)).toMatchObject({ type: "done", usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) } });
    const job = await settled(events[0]!.id as string);
    expect(job).toMatchObject({ status: "done", text: written, engine: "local", input: { model } });
    expect(job.endpointId).toBe(model.startsWith("openai") ? "openai/gpt-4.1-mini" : "openrouter/router");
  });

  it("a stop mid-answer keeps the partial text on the cancelled record", async () => {
    const controller = new AbortController();
    const events = await readAll(
      await textStream({ task: "text", model: "openrouter:deepseek/deepseek-r1", prompt: "Write me a poem", reasoning: true }, controller.signal),
      (e) => { if (e.type === "text") controller.abort(); },
    );
    const job = await settled(events[0]!.id as string);
    expect(job.status).toBe("cancelled");
    expect(job.reasoning).toMatch(/no summary/i);
    const whole = localAnswer({ prompt: "Write me a poem" }).text;
    expect(job.text!.length).toBeGreaterThan(0);
    expect(job.text!.length).toBeLessThan(whole.length);
    expect(whole.startsWith(job.text!)).toBe(true);
  });

  it("refuses a model that is not listed, by the field", async () => {
    await expect(textStream({ task: "text", model: "openai:not-a-listed-model", prompt: "hi", reasoning: false }, new AbortController().signal)).rejects.toMatchObject({ fields: { model: "Pick one of the listed models" } });
  });
});

describe("prompt drafting on the same module", () => {
  it.each(["openai", "openrouter"])("PROMPT_PROVIDER=%s drafts on the local engine through that vendor's door", async (provider) => {
    process.env.PROMPT_PROVIDER = provider;
    resetEnvCache();
    try {
      const events = await readAll(await draftPromptStream({ idea: "a fox librarian", target: "image", count: 3 }, new AbortController().signal));
      expect(events[0]).toMatchObject({ type: "job", engine: "local", model: provider === "openai" ? "gpt-4.1-mini" : "google/gemini-2.5-flash" });
      expect(events.filter((e) => e.type === "prompt")).toHaveLength(3);
      expect(events.at(-1)).toMatchObject({ type: "done", prompts: expect.any(Array) });
      const job = await settled(events[0]!.id as string);
      expect(job).toMatchObject({ task: "prompts", status: "done", endpointId: provider === "openai" ? "openai/gpt-4.1-mini" : "openrouter/router" });
      expect(job.prompts).toHaveLength(3);
    } finally {
      delete process.env.PROMPT_PROVIDER;
      resetEnvCache();
    }
  });
});
