/**
 * fal's control endpoints on the wire: pictures guided by a control map (FLUX control LoRAs for
 * depth and canny edges, SDXL ControlNet Union for pose, depth and edges), and the map makers that
 * draw such a map from a photo (DWPose, Depth Anything v2, Canny). Fields, optionality and enums as
 * `@fal-ai/client` types them (src/types/endpoints.d.ts: DepthLoraInput, SdxlControlnetUnionInput,
 * unoOutput, dwposeInput, ZoeInput, CannyInput, HEDOutput). File inputs travel as URLs.
 * Pure zod: safe to import from client components.
 */
import * as z from "zod/mini";
import { singleImageOutput } from "./background";

/** The three kinds of control map the studio works with. */
export const CONTROL_KINDS = ["pose", "depth", "edges"] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

const PRESETS = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] as const;
/** `ImageSize | preset`: the types leave both sides optional (512 each by default). */
const imageSize = z.union([z.object({ width: z.optional(z.number()), height: z.optional(z.number()) }), z.enum(PRESETS)]);
const loraWeight = z.object({ path: z.string(), scale: z.optional(z.number()), force: z.optional(z.boolean()) });
const embedding = z.object({ path: z.string(), tokens: z.optional(z.array(z.string())) });
// The types say `number`; counts, steps and seeds are whole numbers, the one bound added here.
const count = z.number().check(z.int(), z.minimum(1));
const seed = z.number().check(z.int(), z.minimum(0));

// ---- Pictures from a map ----

/** What both generators share: the prompt and the sampling. */
const sampling = {
  prompt: z.string(),
  image_size: z.optional(imageSize),
  num_inference_steps: z.optional(count),
  guidance_scale: z.optional(z.number()),
  seed: z.optional(seed),
  num_images: z.optional(count),
  loras: z.optional(z.array(loraWeight)),
  enable_safety_checker: z.optional(z.boolean()),
  sync_mode: z.optional(z.boolean()),
};

/** FLUX control LoRA (depth and canny share the type, `preprocess_depth` included). */
export const fluxControlLoraInput = z.object({
  ...sampling,
  control_lora_image_url: z.string(),
  control_lora_strength: z.optional(z.number()),
  /** On: the endpoint derives the map from a photo itself; off: the image is the map. */
  preprocess_depth: z.optional(z.boolean()),
  /** Image-to-image on top of the control (the studio does not send it). */
  image_url: z.optional(z.string()),
  output_format: z.optional(z.enum(["jpeg", "png"])),
});

export const sdxlControlnetUnionInput = z.object({
  ...sampling,
  negative_prompt: z.optional(z.string()),
  openpose_image_url: z.optional(z.string()),
  openpose_preprocess: z.optional(z.boolean()),
  depth_image_url: z.optional(z.string()),
  depth_preprocess: z.optional(z.boolean()),
  canny_image_url: z.optional(z.string()),
  canny_preprocess: z.optional(z.boolean()),
  normal_image_url: z.optional(z.string()),
  normal_preprocess: z.optional(z.boolean()),
  segmentation_image_url: z.optional(z.string()),
  segmentation_preprocess: z.optional(z.boolean()),
  teed_image_url: z.optional(z.string()),
  teed_preprocess: z.optional(z.boolean()),
  controlnet_conditioning_scale: z.optional(z.number()),
  // image_size left out: the size is taken from the control image.
  embeddings: z.optional(z.array(embedding)),
  expand_prompt: z.optional(z.boolean()),
  safety_checker_version: z.optional(z.enum(["v1", "v2"])),
  format: z.optional(z.enum(["jpeg", "png"])),
  request_id: z.optional(z.string()),
});

const image = singleImageOutput.shape.image;
/** Both generators answer `unoOutput`. */
export const controlImagesOutput = z.object({
  images: z.array(image),
  seed: z.number(),
  prompt: z.string(),
  has_nsfw_concepts: z.array(z.boolean()),
  timings: z.unknown(),
});

// ---- Maps from a photo ----

export const dwposeInput = z.object({
  image_url: z.string(),
  draw_mode: z.optional(z.enum(["full-pose", "body-pose", "face-pose", "hand-pose", "face-hand-mask", "face-mask", "hand-mask"])),
});
export const depthAnythingInput = z.object({ image_url: z.string() });
export const cannyInput = z.object({ image_url: z.string(), low_threshold: z.optional(z.number()), high_threshold: z.optional(z.number()) });
/** Every map maker answers one image (`HEDOutput`). */
export const controlMapOutput = singleImageOutput;

// ---- Endpoints ----

/** image: makes a picture from a map; map: draws the map from a photo. `controls`: the kinds of map it reads or draws. */
export const CONTROL_ENDPOINTS = [
  { id: "fal-ai/sdxl-controlnet-union", label: "SDXL ControlNet Union", role: "image", controls: ["pose", "depth", "edges"], input: sdxlControlnetUnionInput, output: controlImagesOutput },
  { id: "fal-ai/flux-control-lora-depth", label: "FLUX.1 control LoRA (depth)", role: "image", controls: ["depth"], input: fluxControlLoraInput, output: controlImagesOutput },
  { id: "fal-ai/flux-control-lora-canny", label: "FLUX.1 control LoRA (canny edges)", role: "image", controls: ["edges"], input: fluxControlLoraInput, output: controlImagesOutput },
  { id: "fal-ai/dwpose", label: "DWPose", role: "map", controls: ["pose"], input: dwposeInput, output: controlMapOutput },
  { id: "fal-ai/image-preprocessors/depth-anything/v2", label: "Depth Anything v2", role: "map", controls: ["depth"], input: depthAnythingInput, output: controlMapOutput },
  { id: "fal-ai/image-preprocessors/canny", label: "Canny edges", role: "map", controls: ["edges"], input: cannyInput, output: controlMapOutput },
] as const satisfies readonly { id: string; label: string; role: "image" | "map"; controls: readonly ControlKind[]; input: z.ZodMiniObject; output: z.ZodMiniObject }[];

export type ControlEndpoint = (typeof CONTROL_ENDPOINTS)[number];
export type ControlEndpointId = ControlEndpoint["id"];
export type ControlInput<Id extends ControlEndpointId> = z.infer<Extract<ControlEndpoint, { id: Id }>["input"]>;
export type ControlOutput<Id extends ControlEndpointId> = z.infer<Extract<ControlEndpoint, { id: Id }>["output"]>;
