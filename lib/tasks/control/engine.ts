import "server-only";
import { resolveImageSize, type Family, type FamilyInput } from "@/lib/providers/catalog";
import { cannyMap } from "@/lib/local-engine/media/canny";
import { renderControlled, type ControlMapInput } from "@/lib/local-engine/media/control";
import { imageOutputs, invalid, n, readImageInput } from "@/lib/local-engine/fal/io";
import type { RunContext } from "@/lib/local-engine/fal/models";
import { logDenoising } from "@/lib/local-engine/fal/progress";
import { FLUX_STEPS } from "../image/engine";
import type { ControlKind } from "@/lib/providers/wire/control";
import type { LocalGenerators } from "../server-types";
import { seedFor } from "../seed";
import { sizeForMap } from "./definition";

/*
 * What the local engine cannot do honestly it refuses, saying what to do instead: it cannot find a
 * body in a photo nor estimate its depth, so DWPose and Depth Anything answer 422, and so does a
 * generator asked to derive a pose or depth map itself (`*_preprocess`, `preprocess_depth`). Canny
 * it computes for real, so edges are derived wherever a model would derive them.
 */

const SET_FAL_KEY = "or set FAL_KEY to use fal's models";
const NO_POSE = `The local engine cannot detect a body in a photo. Draw the pose in the pose editor (Control → Draw pose) and send that skeleton as the map, ${SET_FAL_KEY}.`;
const NO_DEPTH = `The local engine cannot estimate depth from a photo. Upload a depth map instead (white near, black far), ${SET_FAL_KEY}.`;

/** SDXL ControlNet Union's sampling steps when the input names none. */
const SDXL_STEPS = 35;

// The studio asks for at most 4; a request for thousands would hold the engine for minutes.
const MAX_IMAGES = 4;

/** A map as the generator reads it; `derive` asks for it to be drawn from a photo first (Canny only). */
async function readMap(url: string, field: string, family: Family, kind: ControlKind, derive: boolean, preprocessField: string, signal?: AbortSignal): Promise<{ map: ControlMapInput; width: number; height: number }> {
  const { data, width, height } = await readImageInput(url, field, family);
  if (!derive) return { map: { kind, data }, width, height };
  if (kind === "pose") throw invalid(preprocessField, `${NO_POSE} (With a skeleton already drawn, send ${preprocessField}: false.)`);
  if (kind === "depth") throw invalid(preprocessField, `${NO_DEPTH} (With a depth map already, send ${preprocessField}: false.)`);
  return { map: { kind, data: await cannyMap(data, { signal }) }, width, height };
}

type Sampling = { prompt: string; steps: number; seed?: number; num_images?: number; maps: ControlMapInput[]; strength: number; width: number; height: number; format?: "jpeg" | "png" };

async function paint(ctx: RunContext, s: Sampling) {
  if ((s.num_images ?? 1) > MAX_IMAGES) throw invalid("num_images", `The local engine makes at most ${MAX_IMAGES} images per request`);
  const seed = seedFor(s.seed);
  const started = Date.now();
  logDenoising(ctx, s.steps);
  // One after another: each holds the picture and its maps in memory.
  const pngs: Buffer[] = [];
  for (const index of n(s.num_images)) {
    pngs.push(await renderControlled({ prompt: s.prompt, width: s.width, height: s.height, seed, index, maps: s.maps, strength: s.strength, signal: ctx.signal }));
  }
  const images = await imageOutputs(ctx, pngs, s.format ?? "jpeg", s.width, s.height);
  return { images, seed, prompt: s.prompt, has_nsfw_concepts: images.map(() => false), timings: { inference: (Date.now() - started) / 1000 } };
}

/** `image_size` as these endpoints type it: a preset, or pixels with each side 512 when left out. */
function sizeOf(size: string | { width?: number; height?: number }) {
  if (typeof size === "string") return resolveImageSize(size as Parameters<typeof resolveImageSize>[0]);
  return { width: size.width ?? 512, height: size.height ?? 512 };
}

const UNION_CONTROLS = [
  ["openpose", "pose"],
  ["depth", "depth"],
  ["canny", "edges"],
] as const;
const UNION_UNSUPPORTED = ["normal", "segmentation", "teed"] as const;

async function fluxControl(family: "flux-control-lora-depth" | "flux-control-lora-canny", kind: ControlKind, i: FamilyInput<"flux-control-lora-depth">, ctx: RunContext) {
  if (i.image_url) throw invalid("image_url", "The local engine paints from the prompt and the control map only; it does not take image_url with a control LoRA");
  if (i.loras?.length) throw invalid("loras", "The local engine cannot load LoRA weights");
  const { map } = await readMap(i.control_lora_image_url, "control_lora_image_url", family, kind, i.preprocess_depth ?? true, "preprocess_depth", ctx.signal);
  // FLUX paints at image_size (landscape 4:3 by default) and fits the map to it.
  const { width, height } = sizeOf(i.image_size ?? "landscape_4_3");
  return paint(ctx, { prompt: i.prompt, steps: i.num_inference_steps ?? FLUX_STEPS, seed: i.seed, num_images: i.num_images, maps: [map], strength: i.control_lora_strength ?? 1, width, height, format: i.output_format });
}

export const controlEngine: LocalGenerators<"sdxl-controlnet-union" | "flux-control-lora-depth" | "flux-control-lora-canny" | "dwpose" | "depth-anything-v2" | "canny"> = {
  async "sdxl-controlnet-union"(i, ctx) {
    for (const name of UNION_UNSUPPORTED) {
      if (i[`${name}_image_url`]) throw invalid(`${name}_image_url`, `The local engine follows pose, depth and canny maps only; it has no ${name} control`);
    }
    if (i.loras?.length || i.embeddings?.length) throw invalid(i.loras?.length ? "loras" : "embeddings", "The local engine cannot load LoRA or embedding weights");
    const maps: ControlMapInput[] = [];
    let first: { width: number; height: number } | undefined;
    for (const [field, kind] of UNION_CONTROLS) {
      const url = i[`${field}_image_url`];
      if (!url) continue;
      const read = await readMap(url, `${field}_image_url`, "sdxl-controlnet-union", kind, i[`${field}_preprocess`] ?? true, `${field}_preprocess`, ctx.signal);
      maps.push(read.map);
      first ??= read;
    }
    // No image_size: SDXL takes the size from the control image (at its working size), else 1024².
    const { width, height } = i.image_size ? sizeOf(i.image_size) : first ? sizeForMap(first.width, first.height) : { width: 1024, height: 1024 };
    return paint(ctx, { prompt: i.prompt, steps: i.num_inference_steps ?? SDXL_STEPS, seed: i.seed, num_images: i.num_images, maps, strength: i.controlnet_conditioning_scale ?? 0.5, width, height, format: i.format });
  },
  "flux-control-lora-depth": (i, ctx) => fluxControl("flux-control-lora-depth", "depth", i, ctx),
  "flux-control-lora-canny": (i, ctx) => fluxControl("flux-control-lora-canny", "edges", i, ctx),
  async dwpose() {
    throw invalid("image_url", NO_POSE);
  },
  async "depth-anything-v2"() {
    throw invalid("image_url", NO_DEPTH);
  },
  async canny(i, ctx) {
    const { data, width, height } = await readImageInput(i.image_url, "image_url", "canny");
    ctx.log(`Detecting edges in ${width}×${height}`);
    const png = await cannyMap(data, { low: i.low_threshold, high: i.high_threshold, signal: ctx.signal });
    const [image] = await imageOutputs(ctx, [png], "png", width, height);
    return { image: { ...image!, file_name: "edges.png", file_size: png.length } };
  },
};
