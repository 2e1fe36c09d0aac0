import "server-only";
import { z } from "zod";
import { env, vendorEngine } from "@/lib/env";
import { AppError } from "@/lib/errors";
import * as fal from "./fal";
import { openai, toAppError as openaiError } from "./openai";
import { isOpenAiReasoningModel, parseTextModel, VENDOR_KEY, VENDOR_LABEL } from "./text-model";

/**
 * One language-model call, streamed, whichever vendor serves the model: OpenAI's chat completions
 * (through the client in ./openai.ts) or an OpenRouter model behind fal's router (`openrouter/router`,
 * whose stream sends the whole output so far in every event). The caller gets the app's events:
 * text and reasoning as they are written, then the end with the usage when the vendor reports it.
 * An abort ends the stream quietly; the caller decides what a stop means.
 */

export type ChatArgs = {
  /** `<vendor>:<model>`, e.g. `openai:gpt-4.1-mini` or `openrouter:anthropic/claude-sonnet-4` (lib/providers/text-model.ts). */
  model: string;
  system?: string;
  prompt: string;
  temperature?: number;
  maxTokens?: number;
  /** Ask for the model's reasoning (OpenAI: a reasoning effort for its reasoning models). */
  reasoning?: boolean;
};

export type TokenUsage = { inputTokens: number; outputTokens: number };

export type ChatEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  /** Last: usage if the vendor reported it; truncated when the token limit cut the answer short. */
  | { type: "end"; usage: TokenUsage | null; truncated: boolean };

export async function* chat(args: ChatArgs, opts: { signal?: AbortSignal } = {}): AsyncGenerator<ChatEvent> {
  const { vendor, model } = parseTextModel(args.model);
  if (vendorEngine(vendor) === null) {
    throw new AppError("unavailable", `${VENDOR_LABEL[vendor]} models need ${VENDOR_KEY[vendor]} (or STUDIO_ENGINE=auto to use the local engine without it).`);
  }
  yield* vendor === "openai" ? openaiChat(model, args, opts.signal) : routerChat(model, args, opts.signal);
}

// ---- OpenAI chat completions ----

/** What OpenAI-compatible servers add to a delta for a reasoning model's thinking (OpenAI itself keeps it hidden). */
const reasoningDelta = z.object({ reasoning_content: z.string().optional(), reasoning: z.string().optional() }).loose();

async function* openaiChat(model: string, args: ChatArgs, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
  let stream;
  try {
    stream = await openai().chat.completions.create(
      {
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [...(args.system ? [{ role: "system" as const, content: args.system }] : []), { role: "user" as const, content: args.prompt }],
        ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
        ...(args.maxTokens ? { max_completion_tokens: args.maxTokens } : {}),
        ...(args.reasoning && isOpenAiReasoningModel(model) ? { reasoning_effort: "medium" as const } : {}),
      },
      { signal },
    );
  } catch (err) {
    if (signal?.aborted) return;
    throw openaiError(err);
  }
  let usage: TokenUsage | null = null;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const thinking = reasoningDelta.safeParse(choice?.delta ?? {});
      const reasoning = thinking.success ? (thinking.data.reasoning_content ?? thinking.data.reasoning) : undefined;
      if (reasoning) yield { type: "reasoning", text: reasoning };
      if (choice?.delta?.content) yield { type: "text", text: choice.delta.content };
      if (choice?.finish_reason === "length") truncated = true;
      if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
    }
  } catch (err) {
    if (signal?.aborted) return;
    throw openaiError(err);
  }
  if (!signal?.aborted) yield { type: "end", usage, truncated };
}

// ---- OpenRouter through fal's router ----

/** An event of the router's stream, read leniently: a real router may add fields or name the usage OpenRouter's way. */
const routerEvent = z
  .object({ output: z.string().optional(), reasoning: z.string().nullish(), error: z.string().nullish(), usage: z.unknown().optional() })
  .loose();
const routerUsage = z.union([
  z.object({ input_tokens: z.number(), output_tokens: z.number() }).transform((u) => ({ inputTokens: u.input_tokens, outputTokens: u.output_tokens })),
  z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).transform((u) => ({ inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens })),
]);

/** Yields the part of `whole` not yet sent; a rewrite of what was already sent is skipped. */
function differ() {
  let sent = "";
  return (whole: string | null | undefined): string => {
    if (typeof whole !== "string" || !whole.startsWith(sent)) return "";
    const delta = whole.slice(sent.length);
    sent = whole;
    return delta;
  };
}

async function* routerChat(model: string, args: ChatArgs, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
  const input = {
    model,
    prompt: args.prompt,
    ...(args.system ? { system_prompt: args.system } : {}),
    ...(args.maxTokens ? { max_tokens: args.maxTokens } : {}),
    ...(args.temperature !== undefined ? { temperature: args.temperature } : {}),
    ...(args.reasoning ? { reasoning: true } : {}),
  };
  const stream = await fal.stream({ endpointId: env().FAL_LLM_MODEL, input, signal });
  // Events are taken from the listener, not the stream's iterator: the iterator never ends once
  // aborted, and it hides errors, which only done() reports.
  const queue: unknown[] = [];
  let wake: (() => void) | undefined;
  let failure: { err: unknown } | undefined;
  let ended = false;
  stream.on("data", (event) => {
    queue.push(event);
    wake?.();
  });
  void stream.done().then(
    () => undefined,
    (err: unknown) => void (failure = { err }),
  ).finally(() => {
    ended = true;
    wake?.();
  });
  const text = differ();
  const thinking = differ();
  let usage: TokenUsage | null = null;
  for (;;) {
    while (queue.length > 0) {
      const event = routerEvent.safeParse(queue.shift());
      if (!event.success) continue;
      if (event.data.error) throw new AppError("upstream", `The model failed: ${event.data.error}`);
      const reasoning = thinking(event.data.reasoning);
      if (reasoning) yield { type: "reasoning", text: reasoning };
      const delta = text(event.data.output);
      if (delta) yield { type: "text", text: delta };
      const u = routerUsage.safeParse(event.data.usage);
      if (u.success) usage = u.data;
    }
    if (ended) break;
    await new Promise<void>((resolve) => (wake = resolve));
  }
  if (signal?.aborted) return;
  if (failure) throw fal.toAppError(failure.err, "run the model");
  yield { type: "end", usage, truncated: false };
}
