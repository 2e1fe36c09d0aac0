import "server-only";
import { AppError } from "@/lib/errors";
import { FAMILIES, controlsOf, familyOf, DEFAULT_CONTROL_FAMILY, type ControlMode, type ImageSize } from "./catalog";
import { asRemoteFile } from "./background";
import { callEndpoint, type CallOptions, type FamilyOfMode, type FileInput, type RemoteFile } from "./call";
import { toImageResult, type ImageResult } from "./image";
import { configuredControlEndpoints } from "./models";
import type { ControlKind } from "./wire/control";

/** Pictures that follow a control map (a pose, depth or edges), and the maps themselves drawn from a photo. */

export type ControlImageArgs = {
  kind: ControlKind;
  /** The control map itself (an OpenPose skeleton, a depth map with near = white, white edges on black). */
  map: FileInput;
  prompt: string;
  negativePrompt?: string;
  imageSize?: ImageSize;
  /** How strongly the map steers the picture: 0 ignores it, 1 is the model's usual, up to 2. */
  strength?: number;
  steps?: number;
  guidance?: number;
  seed?: number;
  numImages?: number;
};
export type ControlMapArgs = { kind: ControlKind; image: FileInput };

/**
 * The endpoint for one kind of map: the requested one, else the configured one for the kind
 * (FAL_CONTROL_<KIND>_MODEL / FAL_<KIND>_MAP_MODEL). An id the catalog does not know is read as the
 * kind's default family. Refused by the model field when the endpoint cannot take that kind of map.
 */
export function resolveControlEndpoint<M extends ControlMode>(kind: ControlKind, mode: M, requested: string | undefined): { endpointId: string; family: FamilyOfMode<M> } {
  const endpointId = requested ?? configuredControlEndpoints()[kind][mode];
  const family = (familyOf(endpointId) ?? DEFAULT_CONTROL_FAMILY[kind][mode]) as FamilyOfMode<M>;
  if (FAMILIES[family].mode !== mode || !controlsOf(family).includes(kind)) {
    const what = mode === "control-map" ? `draw a ${kind} map` : `follow a ${kind} map`;
    throw new AppError("validation", `${endpointId} cannot ${what}.`, { model: "Pick one of the listed models" });
  }
  return { endpointId, family };
}

/** SDXL ControlNet Union takes each kind of map in its own field. */
const UNION_FIELD: Record<ControlKind, "openpose" | "depth" | "canny"> = { pose: "openpose", depth: "depth", edges: "canny" };

export async function controlImage(args: ControlImageArgs, opts: CallOptions = {}): Promise<ImageResult> {
  const { endpointId, family } = resolveControlEndpoint(args.kind, "control-image", opts.endpointId);
  const sampling = {
    prompt: args.prompt,
    image_size: args.imageSize,
    num_inference_steps: args.steps,
    guidance_scale: args.guidance,
    seed: args.seed,
    num_images: args.numImages,
    enable_safety_checker: true,
  };
  // The studio always sends a finished map, so no endpoint is asked to derive one from it again.
  if (family === "sdxl-controlnet-union") {
    const field = UNION_FIELD[args.kind];
    const input = {
      ...sampling,
      ...(args.negativePrompt ? { negative_prompt: args.negativePrompt } : {}),
      [`${field}_preprocess`]: false,
      controlnet_conditioning_scale: args.strength,
      format: "png",
    };
    return toImageResult(await callEndpoint(family, endpointId, input, { [`${field}_image_url`]: args.map }, opts), args.seed);
  }
  const input = { ...sampling, control_lora_strength: args.strength, preprocess_depth: false, output_format: "png" };
  return toImageResult(await callEndpoint(family, endpointId, input, { control_lora_image_url: args.map }, opts), args.seed);
}

export async function controlMap(args: ControlMapArgs, opts: CallOptions = {}): Promise<{ map: RemoteFile }> {
  const { endpointId, family } = resolveControlEndpoint(args.kind, "control-map", opts.endpointId);
  // DWPose draws the body alone by default; said outright, since the studio's pose model is the body's 18 points.
  const input = family === "dwpose" ? { draw_mode: "body-pose" } : {};
  const out = await callEndpoint(family, endpointId, input, { image_url: args.image }, opts);
  return { map: asRemoteFile(out.image) };
}
