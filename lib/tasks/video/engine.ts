import "server-only";
import { FAMILIES, type Supports } from "@/lib/providers/catalog";
import { frameCount, renderVideo, VIDEO_FPS } from "@/lib/local-engine/media/video";
import { logDenoising, logFrames } from "@/lib/local-engine/fal/progress";
import { readImageInput, VIDEO_SIZES, videoSizeFor } from "@/lib/local-engine/fal/io";
import type { RunContext } from "@/lib/local-engine/fal/models";
import type { LocalGenerators } from "../server-types";
import { seedFor } from "../seed";

type VideoFamily = "ltx-text-to-video" | "ltx-image-to-video" | "kling-text-to-video" | "kling-image-to-video" | "ltx2-text-to-video" | "ltx2-image-to-video";

/** LTX Video's sampling steps when the input names none. */
const LTX_STEPS = 30;

/** Every video family renders the same way; they differ in the fields they take and whether they report a seed. */
const clip = (family: VideoFamily) => async (i: { prompt: string; num_inference_steps?: number; seed?: number; duration?: string; aspect_ratio?: string; image_url?: string }, ctx: RunContext) => {
  const start = i.image_url ? await readImageInput(i.image_url, "image_url", family) : undefined;
  const size = start ? videoSizeFor(start) : VIDEO_SIZES[i.aspect_ratio ?? "16:9"]!;
  const seed = seedFor(i.seed);
  const durationSec = Number(i.duration ?? 5);
  const supports: Supports = FAMILIES[family].supports;
  // Only the families that take sampling steps (LTX) denoise in steps; every one renders frames.
  if (supports.steps) logDenoising(ctx, i.num_inference_steps ?? LTX_STEPS);
  ctx.log(`Rendering ${durationSec} s at ${size.width}×${size.height}`);
  logFrames(ctx, frameCount(durationSec), VIDEO_FPS);
  const mp4 = await renderVideo({ prompt: i.prompt, seed, durationSec, ...size, startImage: start?.data, signal: ctx.signal });
  const url = await ctx.saveOutput(mp4, "video/mp4", "video.mp4");
  // Like the real endpoints: only families that take a seed report one back.
  return { video: { url, content_type: "video/mp4", file_name: "video.mp4", file_size: mp4.length }, ...(supports.seed ? { seed } : {}) };
};

export const videoEngine: LocalGenerators<VideoFamily> = {
  "ltx-text-to-video": clip("ltx-text-to-video"),
  "ltx-image-to-video": clip("ltx-image-to-video"),
  "kling-text-to-video": clip("kling-text-to-video"),
  "kling-image-to-video": clip("kling-image-to-video"),
  "ltx2-text-to-video": clip("ltx2-text-to-video"),
  "ltx2-image-to-video": clip("ltx2-image-to-video"),
};
