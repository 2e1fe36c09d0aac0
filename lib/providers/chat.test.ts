import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { chat, type ChatEvent } from "./chat";

/**
 * chat() with each vendor's door replaced by a recorder: what is sent is the vendor's own fields,
 * and what comes back is the app's events.
 */

const openaiCalls: { body: Record<string, unknown>; signal?: AbortSignal }[] = [];
let openaiChunks: unknown[] = [];
let openaiFailure: Error | undefined;
vi.mock("./openai", () => ({
  openai: () => ({
    chat: {
      completions: {
        create: async (body: Record<string, unknown>, opts: { signal?: AbortSignal }) => {
          openaiCalls.push({ body, signal: opts.signal });
          return (async function* () {
            for (const c of openaiChunks) yield c;
            if (openaiFailure) throw openaiFailure;
          })();
        },
      },
    },
  }),
  toAppError: (err: unknown) => new AppError("upstream", `OpenAI: ${(err as Error).message}`),
}));

const falCalls: { endpointId: string; input: Record<string, unknown> }[] = [];
let falEvents: unknown[] = [];
let falFailure: Error | undefined;
vi.mock("./fal", () => ({
  stream: async (args: { endpointId: string; input: Record<string, unknown> }) => {
    falCalls.push(args);
    const listeners: ((e: unknown) => void)[] = [];
    const done = (async () => {
      await new Promise((r) => setTimeout(r, 1));
      for (const e of falEvents) for (const l of listeners) l(e);
      if (falFailure) throw falFailure;
      return falEvents.at(-1);
    })();
    return { on: (_type: string, l: (e: unknown) => void) => listeners.push(l), done: () => done };
  },
  toAppError: (err: unknown) => new AppError("upstream", `fal: ${(err as Error).message}`),
}));

async function collect(gen: AsyncGenerator<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k.startsWith("OPENAI") || k === "STUDIO_ENGINE") delete process.env[k];
  process.env.STUDIO_ENGINE = "local";
  resetEnvCache();
  openaiCalls.length = 0;
  falCalls.length = 0;
  openaiChunks = [];
  falEvents = [];
  openaiFailure = falFailure = undefined;
});

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ choices: [{ index: 0, delta, finish_reason: null }], ...extra });

describe("chat(): OpenAI", () => {
  it("sends chat completions fields (system first, max_completion_tokens) and reads text, reasoning and usage back", async () => {
    openaiChunks = [
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning_content: "Let me think. " }),
      chunk({ content: "Hello" }),
      chunk({ content: " world" }),
      { choices: [{ index: 0, delta: {}, finish_reason: "length" }] },
      { choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } },
    ];
    const events = await collect(chat({ model: "openai:o4-mini", system: "Be brief.", prompt: "Hi", temperature: 0.3, maxTokens: 64, reasoning: true }));
    expect(openaiCalls[0]!.body).toEqual({
      model: "o4-mini",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }],
      temperature: 0.3,
      max_completion_tokens: 64,
      reasoning_effort: "medium",
    });
    expect(events).toEqual([
      { type: "reasoning", text: "Let me think. " },
      { type: "text", text: "Hello" },
      { type: "text", text: " world" },
      { type: "end", usage: { inputTokens: 12, outputTokens: 3 }, truncated: true },
    ]);
  });

  it("sends no system message, temperature or reasoning effort when not asked (nor an effort to a model that refuses one)", async () => {
    openaiChunks = [chunk({ content: "ok" })];
    const events = await collect(chat({ model: "openai:gpt-4.1-mini", prompt: "Hi", reasoning: true }));
    expect(openaiCalls[0]!.body).toEqual({ model: "gpt-4.1-mini", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Hi" }] });
    expect(events.at(-1)).toEqual({ type: "end", usage: null, truncated: false });
  });

  it("turns a failure mid-stream into the app's error, and an abort into a quiet end", async () => {
    openaiChunks = [chunk({ content: "par" })];
    openaiFailure = new Error("socket hang up");
    await expect(collect(chat({ model: "openai:gpt-4.1-mini", prompt: "Hi" }))).rejects.toThrow("OpenAI: socket hang up");
    const controller = new AbortController();
    controller.abort();
    const events = await collect(chat({ model: "openai:gpt-4.1-mini", prompt: "Hi" }, { signal: controller.signal }));
    expect(events).toEqual([{ type: "text", text: "par" }]);
    expect(openaiCalls.at(-1)!.signal).toBe(controller.signal);
  });

  it("refuses a vendor nobody serves (remote engine without its key)", async () => {
    process.env.STUDIO_ENGINE = "remote";
    resetEnvCache();
    await expect(collect(chat({ model: "openai:gpt-4.1-mini", prompt: "Hi" }))).rejects.toThrow(/need OPENAI_API_KEY/);
    expect(openaiCalls).toEqual([]);
  });
});

describe("chat(): OpenRouter through fal's router", () => {
  it("sends the router's fields to FAL_LLM_MODEL and turns whole-output events into deltas", async () => {
    falEvents = [
      { output: "", reasoning: "Thinking", partial: true },
      { output: "Hel", reasoning: "Thinking hard", partial: true },
      { output: "Hello", reasoning: "Thinking hard", partial: true },
      { output: "Hello!", reasoning: "Thinking hard", partial: false, usage: { input_tokens: 5, output_tokens: 2, decode_time_ms: 1, prefill_time_ms: 1, ttft_ms: 1 } },
    ];
    const events = await collect(chat({ model: "openrouter:anthropic/claude-sonnet-4", system: "Be kind.", prompt: "Hi", temperature: 1.2, maxTokens: 100, reasoning: true }));
    expect(falCalls[0]).toMatchObject({
      endpointId: "openrouter/router",
      input: { model: "anthropic/claude-sonnet-4", prompt: "Hi", system_prompt: "Be kind.", max_tokens: 100, temperature: 1.2, reasoning: true },
    });
    expect(events).toEqual([
      { type: "reasoning", text: "Thinking" },
      { type: "reasoning", text: " hard" },
      { type: "text", text: "Hel" },
      { type: "text", text: "lo" },
      { type: "text", text: "!" },
      { type: "end", usage: { inputTokens: 5, outputTokens: 2 }, truncated: false },
    ]);
  });

  it("leaves unset fields out, reads OpenRouter's own usage names, and skips a rewrite of what was sent", async () => {
    falEvents = [{ output: "abc" }, { output: "xyz" }, { output: "abcd", usage: { prompt_tokens: 7, completion_tokens: 4 } }];
    const events = await collect(chat({ model: "openrouter:google/gemini-2.5-flash", prompt: "Hi" }));
    expect(falCalls[0]!.input).toEqual({ model: "google/gemini-2.5-flash", prompt: "Hi" });
    expect(events).toEqual([{ type: "text", text: "abc" }, { type: "text", text: "d" }, { type: "end", usage: { inputTokens: 7, outputTokens: 4 }, truncated: false }]);
  });

  it("fails on an event's error and on a stream that fails (done() rejects)", async () => {
    falEvents = [{ output: "par", partial: true }, { output: "par", error: "model overloaded" }];
    await expect(collect(chat({ model: "openrouter:x/y", prompt: "Hi" }))).rejects.toThrow("The model failed: model overloaded");
    falEvents = [{ output: "par", partial: true }];
    falFailure = new Error("502 Bad Gateway");
    await expect(collect(chat({ model: "openrouter:x/y", prompt: "Hi" }))).rejects.toThrow("fal: 502 Bad Gateway");
  });
});
