// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "./zod-csp";
import * as z from "zod/mini";
import { imageSizeSchema } from "@/lib/providers/image-size";
import { NEGATIVE_MAX, PROMPT_MAX } from "@/lib/tasks/limits";
import { mediaUrlSchema } from "@/lib/tasks/media-url";

/**
 * What each generator page keeps of its form in the browser (see hooks/use-form-draft.ts), as zod/mini
 * schemas. They load with the first stored draft to read (lib/client/stored.ts), not with the page:
 * a page with nothing stored loads no zod at all.
 */

/**
 * A file in the studio's media store, as the forms hold it (and keep it in their drafts): its name,
 * the URL to preview it (the store's own, so it still shows after a reload) and what the upload returned.
 */
export const uploadedFileSchema = z.object({
  name: z.string().check(z.maxLength(300)),
  preview: mediaUrlSchema,
  uploaded: z.object({
    url: mediaUrlSchema,
    contentType: z.string().check(z.maxLength(200)),
    bytes: z.int().check(z.nonnegative()),
    width: z.optional(z.int().check(z.positive())),
    height: z.optional(z.int().check(z.positive())),
  }),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** The seed as a form's draft keeps it: the typed digits and whether Random is on. */
const seedDraftSchema = { seed: z.string().check(z.regex(/^\d{0,10}$/)), randomSeed: z.boolean() };

/** The prompt and negative prompt as typed, within the tasks' own limits. */
const promptsDraftSchema = { prompt: z.string().check(z.maxLength(PROMPT_MAX)), negative: z.string().check(z.maxLength(NEGATIVE_MAX)) };

export const draftSchemas = {
  image: z.object({
    mode: z.enum(["text", "image"]),
    model: z.object({ text: z.string(), image: z.string() }),
    ...promptsDraftSchema,
    size: imageSizeSchema,
    steps: z.int().check(z.minimum(1), z.maximum(50)),
    guidance: z.number().check(z.minimum(0), z.maximum(20)),
    strength: z.number().check(z.minimum(0.05), z.maximum(1)),
    numImages: z.string().check(z.regex(/^[1-4]$/)),
    ...seedDraftSchema,
    source: z.nullable(uploadedFileSchema),
  }),
  inpaint: z.object({
    model: z.string(),
    ...promptsDraftSchema,
    strength: z.number().check(z.minimum(0.05), z.maximum(1)),
    steps: z.int().check(z.minimum(1), z.maximum(50)),
    guidance: z.number().check(z.minimum(0), z.maximum(20)),
    ...seedDraftSchema,
    image: z.nullable(uploadedFileSchema),
  }),
  video: z.object({
    mode: z.enum(["text", "image"]),
    model: z.object({ text: z.string(), image: z.string() }),
    ...promptsDraftSchema,
    duration: z.nullable(z.string().check(z.maxLength(10))),
    aspect: z.nullable(z.string().check(z.maxLength(10))),
    steps: z.int().check(z.minimum(1), z.maximum(50)),
    guidance: z.number().check(z.minimum(0), z.maximum(20)),
    ...seedDraftSchema,
    start: z.nullable(uploadedFileSchema),
  }),
  transcribe: z.object({
    model: z.string(),
    language: z.string().check(z.maxLength(3)),
    mode: z.enum(["transcribe", "translate"]),
    audio: z.nullable(uploadedFileSchema),
  }),
  background: z.object({
    mode: z.enum(["remove", "replace"]),
    model: z.object({ remove: z.string(), replace: z.string() }),
    ...promptsDraftSchema,
    numImages: z.string().check(z.regex(/^[1-4]$/)),
    ...seedDraftSchema,
    image: z.nullable(uploadedFileSchema),
  }),
  control: z.object({
    kind: z.enum(["pose", "depth", "edges"]),
    source: z.enum(["upload", "photo", "draw"]),
    model: z.object({ pose: z.string(), depth: z.string(), edges: z.string() }),
    ...promptsDraftSchema,
    strength: z.number().check(z.minimum(0), z.maximum(2)),
    matchMap: z.boolean(),
    size: imageSizeSchema,
    steps: z.int().check(z.minimum(1), z.maximum(50)),
    guidance: z.number().check(z.minimum(0), z.maximum(20)),
    numImages: z.string().check(z.regex(/^[1-4]$/)),
    ...seedDraftSchema,
    map: z.nullable(uploadedFileSchema),
    photo: z.nullable(uploadedFileSchema),
  }),
  text: z.object({
    prompt: z.string().check(z.maxLength(100_000)),
    system: z.string().check(z.maxLength(20_000)),
    model: z.string().check(z.maxLength(300)),
    temperature: z.string().check(z.maxLength(20)),
    maxTokens: z.string().check(z.maxLength(20)),
    reasoning: z.boolean(),
  }),
  prompts: z.object({
    idea: z.string().check(z.maxLength(2000)),
    target: z.enum(["image", "video"]),
    count: z.string().check(z.regex(/^[1-6]$/)),
    style: z.string().check(z.maxLength(500)),
    model: z.string().check(z.maxLength(300)),
  }),
  speech: z.object({
    model: z.string(),
    text: z.string().check(z.maxLength(100_000)),
    /** The voice chosen for each model, so switching back finds it again. */
    voices: z.record(z.string(), z.string().check(z.maxLength(200))),
    speed: z.number().check(z.minimum(0.1), z.maximum(4)),
  }),
};
export type DraftPage = keyof typeof draftSchemas;
export type Drafts = { [P in DraftPage]: z.infer<(typeof draftSchemas)[P]> };
