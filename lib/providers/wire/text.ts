/**
 * fal's OpenRouter router on the wire (`openrouter/router`): one prompt to any OpenRouter model.
 * Fields, optionality and types as `@fal-ai/client` types them (src/types/endpoints.d.ts: ChatInput
 * and routerOutput with UsageInfo). Streamed (`fal.run/openrouter/router/stream`), every event is the
 * whole output so far. Pure zod: safe to import from client components.
 */
import { z } from "zod";

export const routerInput = z.object({
  model: z.string().min(1),
  prompt: z.string().min(1),
  system_prompt: z.string().optional(),
  max_tokens: z.number().int().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  reasoning: z.boolean().optional(),
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
  error: z.string().optional(),
  output: z.string(),
  partial: z.boolean().optional(),
  reasoning: z.string().optional(),
  usage: routerUsage.optional(),
});

export type RouterInput = z.infer<typeof routerInput>;
export type RouterOutput = z.infer<typeof routerOutput>;
