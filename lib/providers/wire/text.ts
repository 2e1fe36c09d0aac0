/**
 * fal's OpenRouter router on the wire (`openrouter/router`): one prompt to any OpenRouter model.
 * Fields, optionality and types as `@fal-ai/client` types them (src/types/endpoints.d.ts: ChatInput
 * and routerOutput with UsageInfo). Streamed (`fal.run/openrouter/router/stream`), every event is the
 * whole output so far. Pure zod: safe to import from client components.
 */
import * as z from "zod/mini";

export const routerInput = z.object({
  model: z.string().check(z.minLength(1)),
  prompt: z.string().check(z.minLength(1)),
  system_prompt: z.optional(z.string()),
  max_tokens: z.optional(z.number().check(z.int(), z.minimum(1))),
  temperature: z.optional(z.number().check(z.minimum(0), z.maximum(2))),
  reasoning: z.optional(z.boolean()),
});

/** `UsageInfo` as the client types it; OpenRouter's own names (prompt/completion tokens) are read too, by the provider. */
export const routerUsage = z.object({
  decode_time_ms: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  prefill_time_ms: z.number(),
  ttft_ms: z.number(),
});

export const routerOutput = z.object({
  error: z.optional(z.string()),
  output: z.string(),
  partial: z.optional(z.boolean()),
  reasoning: z.optional(z.string()),
  usage: z.optional(routerUsage),
});

export type RouterInput = z.infer<typeof routerInput>;
export type RouterOutput = z.infer<typeof routerOutput>;
