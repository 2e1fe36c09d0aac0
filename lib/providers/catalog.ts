/**
 * The model catalog: every fal endpoint the studio talks to, grouped in families that share one
 * input and output contract. Field names follow the endpoint types `@fal-ai/client` ships
 * (src/types/endpoints.d.ts). Pure data and zod: safe to import from client components.
 */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import * as z from "zod/mini";
import { imageSizeSchema } from "./image-size";
import {
  birefnetInput, birefnetOutput, birefnetV2Input, briaRemoveInput, briaReplaceInput, briaReplaceOutput, rembgInput, singleImageOutput,
  BACKGROUND_ENDPOINTS, type BackgroundEndpointId,
} from "./wire/background";
import { SPEECH_ENDPOINTS, elevenLabsInput, elevenLabsOutput, kokoroAmericanInput, kokoroOutput, miniMaxInput, miniMaxOutput, type SpeechEndpointId, type SpeechLimits } from "./wire/speech";
import { cannyInput, controlImagesOutput, controlMapOutput, depthAnythingInput, dwposeInput, fluxControlLoraInput, sdxlControlnetUnionInput, CONTROL_ENDPOINTS, type ControlEndpointId, type ControlKind } from "./wire/control";
import { routerInput, routerOutput } from "./wire/text";

export { imageSizeSchema } from "./image-size";
export { IMAGE_SIZE_PRESETS, resolveImageSize, sizeMultipleErrors, snapSide, type ImageSize, type ImageSizePreset } from "./image-sizes";
export { IMAGE_SIZE_LABELS } from "./image-size-labels";
export const VIDEO_ASPECTS = ["16:9", "9:16", "1:1"] as const;
const KLING_DURATIONS = ["5", "10"] as const;
const LTX2_DURATIONS = ["6", "8", "10"] as const;


const url = z.string().check(z.minLength(1));
const seed = z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 32 - 1));

// ---- Endpoint inputs (the subset of each endpoint's fields the studio sends) ----

const fluxTextToImageInput = z.object({
  prompt: z.string().check(z.minLength(1)),
  image_size: z.optional(imageSizeSchema),
  num_inference_steps: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
  guidance_scale: z.optional(z.number().check(z.minimum(0), z.maximum(20))),
  seed: z.optional(seed),
  num_images: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
  enable_safety_checker: z.optional(z.boolean()),
  output_format: z.optional(z.enum(["jpeg", "png"])),
});

const fluxImageToImageInput = z.extend(z.omit(fluxTextToImageInput, { image_size: true }), {
  image_url: url,
  strength: z.optional(z.number().check(z.minimum(0.01), z.maximum(1))),
});

const fluxInpaintInput = z.extend(fluxTextToImageInput, {
  image_url: url,
  mask_url: url,
  negative_prompt: z.optional(z.string()),
  strength: z.optional(z.number().check(z.minimum(0.01), z.maximum(1))),
});

const ltxVideoInput = z.object({
  prompt: z.string().check(z.minLength(1)),
  negative_prompt: z.optional(z.string()),
  num_inference_steps: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
  guidance_scale: z.optional(z.number().check(z.minimum(0), z.maximum(20))),
  seed: z.optional(seed),
});
const ltxImageToVideoInput = z.extend(ltxVideoInput, { image_url: url });

const klingTextToVideoInput = z.object({
  prompt: z.string().check(z.minLength(1)),
  negative_prompt: z.optional(z.string()),
  aspect_ratio: z.optional(z.enum(VIDEO_ASPECTS)),
  duration: z.optional(z.enum(KLING_DURATIONS)),
  cfg_scale: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});
const klingImageToVideoInput = z.extend(z.omit(klingTextToVideoInput, { aspect_ratio: true }), { image_url: url });

const ltx2TextToVideoInput = z.object({
  prompt: z.string().check(z.minLength(1)),
  duration: z.optional(z.enum(LTX2_DURATIONS)),
  resolution: z.optional(z.enum(["1080p", "1440p", "2160p"])),
  fps: z.optional(z.enum(["25", "50"])),
  generate_audio: z.optional(z.boolean()),
});
const ltx2ImageToVideoInput = z.extend(ltx2TextToVideoInput, { image_url: url });

const whisperInput = z.object({
  audio_url: url,
  task: z.optional(z.enum(["transcribe", "translate"])),
  language: z.optional(z.string().check(z.minLength(2), z.maxLength(3))),
  chunk_level: z.optional(z.enum(["none", "segment", "word"])),
});

// ---- Endpoint outputs (what the studio reads back) ----

const falFile = z.object({
  url: z.string().check(z.minLength(1)),
  content_type: z.optional(z.string()),
  file_name: z.optional(z.string()),
  file_size: z.optional(z.number()),
});
const falImage = z.extend(falFile, { width: z.optional(z.number()), height: z.optional(z.number()) });

const imagesOutput = z.object({
  images: z.array(falImage).check(z.minLength(1)),
  seed: z.optional(z.number()),
  has_nsfw_concepts: z.optional(z.array(z.boolean())),
  timings: z.optional(z.unknown()),
});
const videoOutput = z.object({ video: falFile, seed: z.optional(z.number()) });
const transcriptOutput = z.object({
  text: z.string(),
  chunks: z.optional(z.array(z.object({ timestamp: z.array(z.nullable(z.number())), text: z.string(), speaker: z.optional(z.string()) }))),
});

export type Kind = "image" | "inpaint" | "video" | "transcribe" | "background" | "speech" | "control" | "text";

export type FamilySpec = {
  kind: Kind;
  /** Which input the family needs: text only, a source image, image + mask, or audio. */
  mode: "text-to-image" | "image-to-image" | "inpaint" | "text-to-video" | "image-to-video" | "speech-to-text" | "remove-background" | "replace-background" | "text-to-speech" | "control-image" | "control-map" | "chat";
  input: z.ZodMiniObject;
  output: z.ZodMiniObject;
  /**
   * The largest image input (width × height, per image) the endpoint takes. Checked from the file's
   * header before anything decodes it: at upload, when a job is created, and in the local engine.
   */
  maxInputPixels?: number;
  /** Control families: the kinds of map the family reads (control-image) or draws (control-map). */
  controls?: readonly ControlKind[];
  /** What the family's endpoints use when a field is left out (fal's documented defaults); an endpoint may differ (ENDPOINT_DEFAULTS). */
  defaults?: ModelDefaults;
  /** Optional fields the UI offers for this family. */
  supports: {
    negativePrompt?: boolean;
    /** Custom pixel sizes, each side a multiple of this (FLUX works in 16 px blocks, SDXL in 8). */
    imageSize?: { multiple: number };
    steps?: boolean;
    guidance?: boolean;
    seed?: boolean;
    numImages?: boolean;
    strength?: boolean;
    /** Allowed clip lengths in seconds, as the endpoint spells them. */
    duration?: readonly string[];
    aspectRatio?: readonly string[];
  };
};

/**
 * fal's endpoint types publish no input size limits, and its FLUX, LTX and Kling models scale inputs
 * to about a megapixel anyway, so a larger file only costs upload time. 4096 × 4096 keeps any phone
 * photo in reach and is the most the local engine paints in a few seconds (16.8 MP: ~8 s, 310 MB).
 */
const IMAGE_INPUT_PIXELS = 4096 * 4096;

const FLUX_SIZES = { multiple: 16 };
const SDXL_SIZES = { multiple: 8 };

export const FAMILIES = {
  "flux-text-to-image": {
    kind: "image", mode: "text-to-image", input: fluxTextToImageInput, output: imagesOutput,
    defaults: { steps: 28, guidance: 3.5 },
    supports: { imageSize: FLUX_SIZES, steps: true, guidance: true, seed: true, numImages: true },
  },
  "flux-image-to-image": {
    kind: "image", mode: "image-to-image", input: fluxImageToImageInput, output: imagesOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 40, guidance: 3.5, strength: 0.95 },
    supports: { steps: true, guidance: true, seed: true, numImages: true, strength: true },
  },
  "flux-inpaint": {
    kind: "inpaint", mode: "inpaint", input: fluxInpaintInput, output: imagesOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 28, guidance: 3.5, strength: 0.85 },
    supports: { negativePrompt: true, steps: true, guidance: true, seed: true, numImages: true, strength: true },
  },
  "ltx-text-to-video": {
    kind: "video", mode: "text-to-video", input: ltxVideoInput, output: videoOutput,
    defaults: { steps: 30, guidance: 3 },
    supports: { negativePrompt: true, steps: true, guidance: true, seed: true },
  },
  "ltx-image-to-video": {
    kind: "video", mode: "image-to-video", input: ltxImageToVideoInput, output: videoOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 30, guidance: 3 },
    supports: { negativePrompt: true, steps: true, guidance: true, seed: true },
  },
  "kling-text-to-video": {
    kind: "video", mode: "text-to-video", input: klingTextToVideoInput, output: videoOutput,
    supports: { negativePrompt: true, duration: KLING_DURATIONS, aspectRatio: VIDEO_ASPECTS },
  },
  "kling-image-to-video": {
    kind: "video", mode: "image-to-video", input: klingImageToVideoInput, output: videoOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    supports: { negativePrompt: true, duration: KLING_DURATIONS },
  },
  "ltx2-text-to-video": {
    kind: "video", mode: "text-to-video", input: ltx2TextToVideoInput, output: videoOutput,
    supports: { duration: LTX2_DURATIONS },
  },
  "ltx2-image-to-video": {
    kind: "video", mode: "image-to-video", input: ltx2ImageToVideoInput, output: videoOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    supports: { duration: LTX2_DURATIONS },
  },
  whisper: {
    kind: "transcribe", mode: "speech-to-text", input: whisperInput, output: transcriptOutput, supports: {},
  },
  // Background removal: one image in, the subject on transparency out. Each endpoint has its own fields.
  "birefnet-v2": {
    kind: "background", mode: "remove-background", input: birefnetV2Input, output: birefnetOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {},
  },
  birefnet: {
    kind: "background", mode: "remove-background", input: birefnetInput, output: birefnetOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {},
  },
  "bria-remove-background": {
    kind: "background", mode: "remove-background", input: briaRemoveInput, output: singleImageOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {},
  },
  rembg: {
    kind: "background", mode: "remove-background", input: rembgInput, output: singleImageOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {},
  },
  // Replacement keeps the subject and paints a new backdrop from the prompt, in one call.
  "bria-replace-background": {
    kind: "background", mode: "replace-background", input: briaReplaceInput, output: briaReplaceOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    supports: { negativePrompt: true, seed: true, numImages: true },
  },
  // Text to speech: words in, one audio file out; the voices are each endpoint's own (SPEECH_LIMITS).
  "kokoro-american-english": { kind: "speech", mode: "text-to-speech", input: kokoroAmericanInput, output: kokoroOutput, supports: {} },
  "elevenlabs-multilingual-v2": { kind: "speech", mode: "text-to-speech", input: elevenLabsInput, output: elevenLabsOutput, supports: {} },
  "minimax-speech-02-hd": { kind: "speech", mode: "text-to-speech", input: miniMaxInput, output: miniMaxOutput, supports: {} },
  // Control: a picture guided by a pose, depth or edges map; and the map makers that draw one from a photo.
  "sdxl-controlnet-union": {
    kind: "control", mode: "control-image", controls: ["pose", "depth", "edges"], input: sdxlControlnetUnionInput, output: controlImagesOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 35, guidance: 7.5, strength: 1 },
    supports: { negativePrompt: true, imageSize: SDXL_SIZES, steps: true, guidance: true, seed: true, numImages: true, strength: true },
  },
  "flux-control-lora-depth": {
    kind: "control", mode: "control-image", controls: ["depth"], input: fluxControlLoraInput, output: controlImagesOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 28, guidance: 3.5, strength: 1 },
    supports: { imageSize: FLUX_SIZES, steps: true, guidance: true, seed: true, numImages: true, strength: true },
  },
  "flux-control-lora-canny": {
    kind: "control", mode: "control-image", controls: ["edges"], input: fluxControlLoraInput, output: controlImagesOutput, maxInputPixels: IMAGE_INPUT_PIXELS,
    defaults: { steps: 28, guidance: 3.5, strength: 1 },
    supports: { imageSize: FLUX_SIZES, steps: true, guidance: true, seed: true, numImages: true, strength: true },
  },
  dwpose: { kind: "control", mode: "control-map", controls: ["pose"], input: dwposeInput, output: controlMapOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {} },
  "depth-anything-v2": { kind: "control", mode: "control-map", controls: ["depth"], input: depthAnythingInput, output: controlMapOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {} },
  canny: { kind: "control", mode: "control-map", controls: ["edges"], input: cannyInput, output: controlMapOutput, maxInputPixels: IMAGE_INPUT_PIXELS, supports: {} },
  // Any OpenRouter model behind fal's router: a prompt in, the text (and its reasoning) out, streamed or not.
  "llm-router": { kind: "text", mode: "chat", input: routerInput, output: routerOutput, supports: {} },
} as const satisfies Record<string, FamilySpec>;

export type Family = keyof typeof FAMILIES;

/** The block a custom size's sides must be a multiple of; undefined for a family that takes no size. */
export const sizeMultipleOf = (family: Family): number | undefined => (FAMILIES[family] as FamilySpec).supports.imageSize?.multiple;
export const maxInputPixelsOf = (family: Family): number | undefined => (FAMILIES[family] as FamilySpec).maxInputPixels;
export const controlsOf = (family: Family): readonly ControlKind[] => (FAMILIES[family] as FamilySpec).controls ?? [];

/** The most any endpoint takes: uploads (not yet tied to an endpoint) larger than this are refused at once. */
export const MAX_IMAGE_INPUT_PIXELS = Math.max(...Object.values(FAMILIES as Record<string, FamilySpec>).map((f) => f.maxInputPixels ?? 0));

const megapixels = (n: number) => `${+(n / 1e6).toFixed(1)} MP`;

/** Why an image of this size is too large for `who`, or undefined when it fits. */
export function pixelLimitExceeded(width: number, height: number, maxPixels: number, who: string): string | undefined {
  if (width * height <= maxPixels) return undefined;
  const side = Math.floor(Math.sqrt(maxPixels));
  return `This image is ${width}×${height} (${megapixels(width * height)}); ${who} takes up to ${megapixels(maxPixels)} (e.g. ${side}×${side}). Make it smaller and try again.`;
}
export type Supports = FamilySpec["supports"];
export type Mode = FamilySpec["mode"];

export type EndpointEntry = { id: string; label: string; family: Family };

/** The sampling values a model runs with when the form leaves them as they are. */
export type ModelDefaults = { steps?: number; guidance?: number; strength?: number };

/** Endpoints whose defaults differ from their family's, as fal documents them. */
const ENDPOINT_DEFAULTS: Partial<Record<string, ModelDefaults>> = {
  "fal-ai/flux/schnell": { steps: 4 },
};

/** A model's own defaults: its family's, then the endpoint's own where it differs. */
export function modelDefaults(entry: EndpointEntry): ModelDefaults {
  return { ...(FAMILIES[entry.family] as FamilySpec).defaults, ...ENDPOINT_DEFAULTS[entry.id] };
}

/** The family of each of fal's background endpoints (lib/providers/wire/background.ts): one without does not compile. */
const BACKGROUND_FAMILY: Record<BackgroundEndpointId, Family> = {
  "fal-ai/birefnet/v2": "birefnet-v2",
  "fal-ai/birefnet": "birefnet",
  "fal-ai/bria/background/remove": "bria-remove-background",
  "fal-ai/imageutils/rembg": "rembg",
  "fal-ai/bria/background/replace": "bria-replace-background",
};

/** The family of each of fal's speech endpoints (lib/providers/wire/speech.ts): one without does not compile. */
const SPEECH_FAMILY = {
  "fal-ai/kokoro/american-english": "kokoro-american-english",
  "fal-ai/elevenlabs/tts/multilingual-v2": "elevenlabs-multilingual-v2",
  "fal-ai/minimax/speech-02-hd": "minimax-speech-02-hd",
} as const satisfies Record<SpeechEndpointId, Family>;
export type SpeechFamily = (typeof SPEECH_FAMILY)[SpeechEndpointId];

/** Each speech family's voices, speed range and text limit: what its form offers and its input is checked against. */
export const SPEECH_LIMITS = Object.fromEntries(SPEECH_ENDPOINTS.map((e) => [SPEECH_FAMILY[e.id], e.limits])) as unknown as Record<SpeechFamily, SpeechLimits>;
/** The family of each of fal's control endpoints (lib/providers/wire/control.ts): one without does not compile. */
const CONTROL_FAMILY: Record<ControlEndpointId, Family> = {
  "fal-ai/sdxl-controlnet-union": "sdxl-controlnet-union",
  "fal-ai/flux-control-lora-depth": "flux-control-lora-depth",
  "fal-ai/flux-control-lora-canny": "flux-control-lora-canny",
  "fal-ai/dwpose": "dwpose",
  "fal-ai/image-preprocessors/depth-anything/v2": "depth-anything-v2",
  "fal-ai/image-preprocessors/canny": "canny",
};

/** Endpoints the studio knows; any other id may be configured and is read as its task's default family. */
export const KNOWN_ENDPOINTS: readonly EndpointEntry[] = [
  { id: "fal-ai/flux/dev", label: "FLUX.1 [dev]", family: "flux-text-to-image" },
  { id: "fal-ai/flux/schnell", label: "FLUX.1 [schnell]", family: "flux-text-to-image" },
  { id: "fal-ai/flux/dev/image-to-image", label: "FLUX.1 [dev] image-to-image", family: "flux-image-to-image" },
  { id: "fal-ai/flux-general/inpainting", label: "FLUX.1 General inpainting", family: "flux-inpaint" },
  { id: "fal-ai/flux-lora/inpainting", label: "FLUX.1 LoRA inpainting", family: "flux-inpaint" },
  { id: "fal-ai/ltx-video", label: "LTX Video", family: "ltx-text-to-video" },
  { id: "fal-ai/ltx-video/image-to-video", label: "LTX Video image-to-video", family: "ltx-image-to-video" },
  { id: "fal-ai/kling-video/v2.1/master/text-to-video", label: "Kling 2.1 Master", family: "kling-text-to-video" },
  { id: "fal-ai/kling-video/v2.1/standard/image-to-video", label: "Kling 2.1 Standard image-to-video", family: "kling-image-to-video" },
  { id: "fal-ai/ltx-2/text-to-video/fast", label: "LTX-2 fast", family: "ltx2-text-to-video" },
  { id: "fal-ai/ltx-2/image-to-video/fast", label: "LTX-2 fast image-to-video", family: "ltx2-image-to-video" },
  { id: "fal-ai/whisper", label: "Whisper", family: "whisper" },
  { id: "fal-ai/wizper", label: "Wizper (Whisper v3, fast)", family: "whisper" },
  { id: "openrouter/router", label: "OpenRouter (any LLM)", family: "llm-router" },
  ...BACKGROUND_ENDPOINTS.map(({ id, label }) => ({ id, label, family: BACKGROUND_FAMILY[id] })),
  ...SPEECH_ENDPOINTS.map(({ id, label }) => ({ id, label, family: SPEECH_FAMILY[id] })),
  ...CONTROL_ENDPOINTS.map(({ id, label }) => ({ id, label, family: CONTROL_FAMILY[id] })),
];

export const DEFAULT_FAMILY_FOR_MODE: Record<Mode, Family> = {
  "text-to-image": "flux-text-to-image",
  "image-to-image": "flux-image-to-image",
  inpaint: "flux-inpaint",
  "text-to-video": "kling-text-to-video",
  "image-to-video": "kling-image-to-video",
  "speech-to-text": "whisper",
  "remove-background": "birefnet-v2",
  "replace-background": "bria-replace-background",
  "text-to-speech": "kokoro-american-english",
  "control-image": "sdxl-controlnet-union",
  "control-map": "depth-anything-v2",
  chat: "llm-router",
};

export type ControlMode = "control-image" | "control-map";
/** An endpoint id the catalog does not know, configured for one kind of control map, is read as this family. */
export const DEFAULT_CONTROL_FAMILY: Record<ControlKind, Record<ControlMode, Family>> = {
  pose: { "control-image": "sdxl-controlnet-union", "control-map": "dwpose" },
  depth: { "control-image": "flux-control-lora-depth", "control-map": "depth-anything-v2" },
  edges: { "control-image": "flux-control-lora-canny", "control-map": "canny" },
};

export function familyOf(endpointId: string, mode?: Mode): Family | undefined {
  const known = KNOWN_ENDPOINTS.find((e) => e.id === endpointId);
  if (known) return known.family;
  return mode ? DEFAULT_FAMILY_FOR_MODE[mode] : undefined;
}

export type FamilyInput<F extends Family> = z.infer<(typeof FAMILIES)[F]["input"]>;
export type FamilyOutput<F extends Family> = z.infer<(typeof FAMILIES)[F]["output"]>;

/** fal's queue addresses status/result/cancel by `owner/alias` without the subpath. */
export function appIdOf(endpointId: string): string {
  const [owner, alias] = endpointId.split("/");
  return `${owner}/${alias}`;
}
