/**
 * fal's background endpoints on the wire: removal (BiRefNet, Bria RMBG, rembg) and Bria's
 * replacement. Fields, optionality and enums as `@fal-ai/client` types them
 * (src/types/endpoints.d.ts: BirefnetV2Input, birefnetInput, BGRemoveInput, ImageutilsRembgInput,
 * BGReplaceInput and their outputs). File inputs travel as URLs (the client uploads a Blob first).
 * Pure zod: safe to import from client components.
 */
import { z } from "zod";

// ---- Output files ----

/** `ImageFile` (BiRefNet): no `file_data`. */
const imageFile = z.object({
  url: z.string(),
  content_type: z.string().optional(),
  file_name: z.string().optional(),
  file_size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});
/** `Image` (Bria, rembg): an ImageFile that may carry its bytes. */
const image = imageFile.extend({ file_data: z.string().optional() });

// ---- Removal ----

const syncMode = z.boolean().optional();

export const birefnetV2Input = z.object({
  image_url: z.string(),
  mask_only: z.boolean().optional(),
  model: z
    .enum(["General Use (Light)", "General Use (Light 2K)", "General Use (Heavy)", "Matting", "Portrait", "General Use (Dynamic)"])
    .optional(),
  operating_resolution: z.enum(["1024x1024", "2048x2048", "2304x2304"]).optional(),
  output_format: z.enum(["webp", "png", "gif"]).optional(),
  output_mask: z.boolean().optional(),
  refine_foreground: z.boolean().optional(),
  sync_mode: syncMode,
});

export const birefnetInput = birefnetV2Input.omit({ mask_only: true }).extend({
  model: z.enum(["General Use (Light)", "General Use (Heavy)", "Portrait"]).optional(),
  operating_resolution: z.enum(["1024x1024", "2048x2048"]).optional(),
});

/** BiRefNet v1 and v2 answer alike. */
export const birefnetOutput = z.object({ image: imageFile, mask_image: imageFile.optional() });

export const briaRemoveInput = z.object({ image_url: z.string(), sync_mode: syncMode });

export const rembgInput = z.object({ image_url: z.string(), crop_to_bbox: z.boolean().optional(), sync_mode: syncMode });

/** Bria removal and rembg answer alike (the types call it HEDOutput). */
export const singleImageOutput = z.object({ image });

// ---- Replacement ----

export const briaReplaceInput = z.object({
  image_url: z.string(),
  prompt: z.string().optional(),
  negative_prompt: z.string().optional(),
  /** Instead of a prompt: a picture to take the new background from ("" for none). */
  ref_image_url: z.string().optional(),
  refine_prompt: z.boolean().optional(),
  fast: z.boolean().optional(),
  // The types say `number`; a count and a seed are whole numbers, the one bound added here.
  num_images: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).optional(),
  sync_mode: syncMode,
});

export const briaReplaceOutput = z.object({ images: z.array(image), seed: z.number() });

// ---- Endpoints ----

export type BackgroundTask = "remove" | "replace";

export const BACKGROUND_ENDPOINTS = [
  { id: "fal-ai/birefnet/v2", label: "BiRefNet v2", task: "remove", input: birefnetV2Input, output: birefnetOutput },
  { id: "fal-ai/birefnet", label: "BiRefNet", task: "remove", input: birefnetInput, output: birefnetOutput },
  { id: "fal-ai/bria/background/remove", label: "Bria background removal", task: "remove", input: briaRemoveInput, output: singleImageOutput },
  { id: "fal-ai/imageutils/rembg", label: "rembg", task: "remove", input: rembgInput, output: singleImageOutput },
  { id: "fal-ai/bria/background/replace", label: "Bria background replacement", task: "replace", input: briaReplaceInput, output: briaReplaceOutput },
] as const satisfies readonly { id: string; label: string; task: BackgroundTask; input: z.ZodObject; output: z.ZodObject }[];

export type BackgroundEndpoint = (typeof BACKGROUND_ENDPOINTS)[number];
export type BackgroundEndpointId = BackgroundEndpoint["id"];
export type BackgroundInput<Id extends BackgroundEndpointId> = z.infer<Extract<BackgroundEndpoint, { id: Id }>["input"]>;
export type BackgroundOutput<Id extends BackgroundEndpointId> = z.infer<Extract<BackgroundEndpoint, { id: Id }>["output"]>;
