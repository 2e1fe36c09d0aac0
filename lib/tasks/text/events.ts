/** What POST /api/text streams, one JSON object a line. Client-safe. */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { errorEventSchema, jobEventSchema } from "@/lib/jobs/stream-events";

export const tokenUsageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number() });

export const textEventSchema = z.discriminatedUnion("type", [
  jobEventSchema,
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("reasoning"), text: z.string() }),
  z.object({ type: z.literal("done"), usage: tokenUsageSchema.nullable(), truncated: z.boolean() }),
  errorEventSchema,
]);
export type TextEvent = z.infer<typeof textEventSchema>;
