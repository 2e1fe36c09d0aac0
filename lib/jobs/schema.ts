/**
 * The job record: what the studio keeps about every job, whatever its task, so history and share
 * links can persist it as is. Each task's own input lives with the task (lib/tasks/*). Client-safe.
 */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { TASK_LIST, TASKS, type InputOf, type QueueTask, type Task, type TaskDefinitionOf } from "@/lib/tasks/registry";
import { promptDraftSchema } from "@/lib/tasks/prompts/definition";
import { tokenUsageSchema } from "@/lib/tasks/text/events";
import { STATUS_FILTERS, STATUSES } from "./statuses";

export { TASKS, type Task };
export { mediaUrlSchema } from "@/lib/tasks/fields";
export type { ImageInput } from "@/lib/tasks/image/definition";
export type { InpaintInput } from "@/lib/tasks/inpaint/definition";
export type { VideoInput } from "@/lib/tasks/video/definition";
export type { TranscribeInput } from "@/lib/tasks/transcribe/definition";
export type { BackgroundInput } from "@/lib/tasks/background/definition";
export type { SpeechInput } from "@/lib/tasks/speech/definition";
export type { ControlInput } from "@/lib/tasks/control/definition";
export type { TextInput } from "@/lib/tasks/text/definition";
export { promptDraftRequestSchema, promptDraftSchema, type PromptDraft, type PromptDraftRequest } from "@/lib/tasks/prompts/definition";

/** What POST /api/jobs takes: the input of any task a provider runs from its queue. */
export type GenerationInput = InputOf<QueueTask>;
const queueInputs = TASK_LIST.filter((t) => t.runs === "queue").map((t) => t.input);
export const generationInputSchema = z.discriminatedUnion(
  "task",
  queueInputs as unknown as [z.ZodObject<{ task: z.ZodLiteral<string> }>, ...z.ZodObject<{ task: z.ZodLiteral<string> }>[]],
) as unknown as z.ZodType<GenerationInput, GenerationInputDraft>;
export type GenerationInputDraft = { [T in QueueTask]: z.input<TaskDefinitionOf<T>["input"]> }[QueueTask];
/** Any task's input, as a record stores it. */
const anyInputSchema = z.union(TASK_LIST.map((t) => t.input) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]) as unknown as z.ZodType<InputOf<Task>>;

// ---- The job record ----

export { isTerminal, STATUS_FILTERS, STATUSES, type JobStatus, type StatusFilter } from "./statuses";

/** History's filters (GET /api/jobs, the worker, MCP): newest first, a cursor for the next page. */
export const historyQuerySchema = z.object({
  task: z.enum(TASKS).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

export const mediaOutputSchema = z.object({
  kind: z.enum(["image", "video", "audio"]),
  url: z.string(),
  contentType: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  durationSec: z.number().optional(),
  bytes: z.number().optional(),
  /** A still for videos (history thumbnails, share previews). */
  posterUrl: z.string().optional(),
  /** Set when the copy into the studio's store failed: `url` is then the provider's own link. */
  copyError: z.string().optional(),
});
export type MediaOutput = z.infer<typeof mediaOutputSchema>;

export const segmentSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });
export type Segment = z.infer<typeof segmentSchema>;

export const WEBHOOK_STATES = ["pending", "delivered", "failed"] as const;
export const webhookSchema = z.object({
  url: z.string(),
  state: z.enum(WEBHOOK_STATES),
  attempts: z.array(z.object({ at: z.string(), ms: z.number(), status: z.number().optional(), error: z.string().optional() })),
});
export type JobWebhook = z.infer<typeof webhookSchema>;

export const jobRecordSchema = z.object({
  id: z.string(),
  task: z.enum(TASKS),
  endpointId: z.string(),
  engine: z.enum(["local", "fal", "openai", "openrouter"]),
  input: anyInputSchema,
  status: z.enum(STATUSES),
  timeline: z.array(z.object({ status: z.enum(STATUSES), at: z.string() })),
  queuePosition: z.number().nullable(),
  logs: z.array(z.object({ message: z.string(), level: z.string(), at: z.string() })),
  requestId: z.string().nullable(),
  outputs: z.array(mediaOutputSchema),
  text: z.string().nullable(),
  segments: z.array(segmentSchema).nullable(),
  prompts: z.array(promptDraftSchema).nullable(),
  /** A reasoning model's thinking, kept apart from its answer (text jobs). */
  reasoning: z.string().nullable().default(null),
  /** Tokens a language model read and wrote, when it said (text jobs). */
  usage: tokenUsageSchema.nullable().default(null),
  seed: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Where the finished record is posted, signed (see lib/webhooks/deliver.ts), and how each attempt went. */
  webhook: webhookSchema.nullable().default(null),
  /** Random public id of the share link; null when not shared. */
  shareId: z.string().nullable().default(null),
  timings: z.object({ queueMs: z.number().optional(), runMs: z.number().optional(), totalMs: z.number().optional() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;
