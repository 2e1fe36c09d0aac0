/**
 * fal's background endpoints on the wire: removal (BiRefNet, Bria RMBG, rembg) and Bria's
 * replacement. Fields, optionality and enums as `@fal-ai/client` types them
 * (src/types/endpoints.d.ts: BirefnetV2Input, birefnetInput, BGRemoveInput, ImageutilsRembgInput,
 * BGReplaceInput and their outputs). File inputs travel as URLs (the client uploads a Blob first).
 * Pure zod: safe to import from client components.
 */
import * as z from "zod/mini";

// ---- Output files ----

/** `ImageFile` (BiRefNet): no `file_data`. */
const imageFile = z.object({
  url: z.string(),
  content_type: z.optional(z.string()),
  file_name: z.optional(z.string()),
  file_size: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
});
/** `Image` (Bria, rembg): an ImageFile that may carry its bytes. */
const image = z.extend(imageFile, { file_data: z.optional(z.string()) });

// ---- Removal ----

const syncMode = z.optional(z.boolean());

export const birefnetV2Input = z.object({
  image_url: z.string(),
  mask_only: z.optional(z.boolean()),
  model: z.optional(
    z.enum(["General Use (Light)", "General Use (Light 2K)", "General Use (Heavy)", "Matting", "Portrait", "General Use (Dynamic)"]),
  ),
  operating_resolution: z.optional(z.enum(["1024x1024", "2048x2048", "2304x2304"])),
  output_format: z.optional(z.enum(["webp", "png", "gif"])),
  output_mask: z.optional(z.boolean()),
  refine_foreground: z.optional(z.boolean()),
  sync_mode: syncMode,
});

export const birefnetInput = z.extend(z.omit(birefnetV2Input, { mask_only: true }), {
  model: z.optional(z.enum(["General Use (Light)", "General Use (Heavy)", "Portrait"])),
  operating_resolution: z.optional(z.enum(["1024x1024", "2048x2048"])),
});

/** BiRefNet v1 and v2 answer alike. */
export const birefnetOutput = z.object({ image: imageFile, mask_image: z.optional(imageFile) });

export const briaRemoveInput = z.object({ image_url: z.string(), sync_mode: syncMode });

export const rembgInput = z.object({ image_url: z.string(), crop_to_bbox: z.optional(z.boolean()), sync_mode: syncMode });

/** Bria removal and rembg answer alike (the types call it HEDOutput). */
export const singleImageOutput = z.object({ image });

// ---- Replacement ----

export const briaReplaceInput = z.object({
  image_url: z.string(),
  prompt: z.optional(z.string()),
  negative_prompt: z.optional(z.string()),
  /** Instead of a prompt: a picture to take the new background from ("" for none). */
  ref_image_url: z.optional(z.string()),
  refine_prompt: z.optional(z.boolean()),
  fast: z.optional(z.boolean()),
  // The types say `number`; a count and a seed are whole numbers, the one bound added here.
  num_images: z.optional(z.number().check(z.int(), z.minimum(1))),
  seed: z.optional(z.number().check(z.int(), z.minimum(0))),
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
] as const satisfies readonly { id: string; label: string; task: BackgroundTask; input: z.ZodMiniObject; output: z.ZodMiniObject }[];

export type BackgroundEndpoint = (typeof BACKGROUND_ENDPOINTS)[number];
export type BackgroundEndpointId = BackgroundEndpoint["id"];
export type BackgroundInput<Id extends BackgroundEndpointId> = z.infer<Extract<BackgroundEndpoint, { id: Id }>["input"]>;
export type BackgroundOutput<Id extends BackgroundEndpointId> = z.infer<Extract<BackgroundEndpoint, { id: Id }>["output"]>;
