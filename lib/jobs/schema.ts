/**
 * What a person asks for (job inputs) and what the studio keeps about it (the job record).
 * One record type for every task so history and share links can persist it as is.
 * Client-safe: forms import these schemas to validate before sending.
 */
import { z } from "zod";
import { imageSizeSchema } from "@/lib/providers/catalog";

/** A file in the studio's own media store, e.g. `/api/media/<sha256>.png`. */
export const mediaUrlSchema = z
  .string()
  .regex(/^\/api\/media\/[a-f0-9]{64}\.[a-z0-9]{2,5}$/, "must be a file uploaded to this studio");

const prompt = z.string().trim().min(1, "Describe what you want").max(4000, "Keep the prompt under 4000 characters");
const negativePrompt = z.string().trim().max(2000, "Keep it under 2000 characters").optional();
const seed = z.number().int().min(0).max(2 ** 32 - 1).nullable().optional();
const model = z.string().regex(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/, "unknown model").optional();

export const imageInputSchema = z.object({
  task: z.literal("image"),
  model,
  prompt,
  negativePrompt,
  imageSize: imageSizeSchema.default("landscape_4_3"),
  steps: z.number().int().min(1, "At least 1 step").max(50, "At most 50 steps").default(28),
  guidance: z.number().min(0).max(20).default(3.5),
  seed,
  numImages: z.number().int().min(1).max(4, "At most 4 images").default(1),
  sourceImage: mediaUrlSchema.optional(),
  strength: z.number().min(0.01).max(1).default(0.85),
});

export const inpaintInputSchema = z.object({
  task: z.literal("inpaint"),
  model,
  prompt,
  negativePrompt,
  image: mediaUrlSchema,
  mask: mediaUrlSchema,
  steps: z.number().int().min(1).max(50).default(28),
  guidance: z.number().min(0).max(20).default(3.5),
  strength: z.number().min(0.01).max(1).default(0.85),
  seed,
  numImages: z.number().int().min(1).max(4).default(1),
});

export const videoInputSchema = z.object({
  task: z.literal("video"),
  model,
  prompt,
  negativePrompt,
  startImage: mediaUrlSchema.optional(),
  /** Checked against the chosen model's own options when the job is created. */
  duration: z.string().regex(/^\d{1,2}$/, "seconds, e.g. 5").optional(),
  aspectRatio: z.string().regex(/^\d{1,2}:\d{1,2}$/, "e.g. 16:9").optional(),
  steps: z.number().int().min(1).max(50).default(30),
  guidance: z.number().min(0).max(20).default(3),
  seed,
});

export const transcribeInputSchema = z.object({
  task: z.literal("transcribe"),
  model,
  audio: mediaUrlSchema,
  mode: z.enum(["transcribe", "translate"]).default("transcribe"),
  language: z.string().regex(/^[a-z]{2,3}$/, "use a language code such as en").optional(),
});

export const generationInputSchema = z.discriminatedUnion("task", [
  imageInputSchema,
  inpaintInputSchema,
  videoInputSchema,
  transcribeInputSchema,
]);
export type GenerationInput = z.infer<typeof generationInputSchema>;
export type GenerationInputDraft = z.input<typeof generationInputSchema>;
export type ImageInput = z.infer<typeof imageInputSchema>;
export type InpaintInput = z.infer<typeof inpaintInputSchema>;
export type VideoInput = z.infer<typeof videoInputSchema>;
export type TranscribeInput = z.infer<typeof transcribeInputSchema>;

export const promptDraftRequestSchema = z.object({
  idea: z.string().trim().min(3, "Give the idea a few words").max(1000, "Keep the idea under 1000 characters"),
  target: z.enum(["image", "video"]).default("image"),
  count: z.number().int().min(1).max(6).default(3),
  style: z.string().trim().max(200).optional(),
});
export type PromptDraftRequest = z.infer<typeof promptDraftRequestSchema>;

export const promptDraftSchema = z.object({
  title: z.string().trim().min(1).max(120),
  prompt: z.string().trim().min(1).max(4000),
  negativePrompt: z.string().trim().max(2000).optional(),
});
export type PromptDraft = z.infer<typeof promptDraftSchema>;

// ---- The job record ----

export const TASKS = ["image", "inpaint", "video", "transcribe", "prompts"] as const;
export type Task = (typeof TASKS)[number];
export const STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof STATUSES)[number];
export const isTerminal = (s: JobStatus) => s === "done" || s === "failed" || s === "cancelled";
/** History filters: a status, or "active" for everything not finished yet (queued or running). */
export const STATUS_FILTERS = ["active", ...STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

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

export const jobRecordSchema = z.object({
  id: z.string(),
  task: z.enum(TASKS),
  endpointId: z.string(),
  engine: z.enum(["local", "fal", "openai", "openrouter"]),
  input: z.union([generationInputSchema, promptDraftRequestSchema]),
  status: z.enum(STATUSES),
  timeline: z.array(z.object({ status: z.enum(STATUSES), at: z.string() })),
  queuePosition: z.number().nullable(),
  logs: z.array(z.object({ message: z.string(), level: z.string(), at: z.string() })),
  requestId: z.string().nullable(),
  outputs: z.array(mediaOutputSchema),
  text: z.string().nullable(),
  segments: z.array(segmentSchema).nullable(),
  prompts: z.array(promptDraftSchema).nullable(),
  seed: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Random public id of the share link; null when not shared. */
  shareId: z.string().nullable().default(null),
  timings: z.object({ queueMs: z.number().optional(), runMs: z.number().optional(), totalMs: z.number().optional() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;
