import "server-only";
import { FAMILIES, type Supports } from "@/lib/providers/catalog";
import { renderVideo } from "@/lib/local-engine/media/video";
import { readImageInput, VIDEO_SIZES, videoSizeFor } from "@/lib/local-engine/fal/io";
import type { RunContext } from "@/lib/local-engine/fal/models";
import type { LocalGenerators } from "../server-types";
import { seedFor } from "../seed";

type VideoFamily = "ltx-text-to-video" | "ltx-image-to-video" | "kling-text-to-video" | "kling-image-to-video" | "ltx2-text-to-video" | "ltx2-image-to-video";

/** Every video family renders the same way; they differ in the fields they take and whether they report a seed. */
const clip = (family: VideoFamily) => async (i: { prompt: string; seed?: number; duration?: string; aspect_ratio?: string; image_url?: string }, ctx: RunContext) => {
  const start = i.image_url ? await readImageInput(i.image_url, "image_url", family) : undefined;
  const size = start ? videoSizeFor(start) : VIDEO_SIZES[i.aspect_ratio ?? "16:9"]!;
  const seed = seedFor(i.seed);
  ctx.log(`Rendering ${i.duration ?? 5} s at ${size.width}×${size.height}`);
  const mp4 = await renderVideo({ prompt: i.prompt, seed, durationSec: Number(i.duration ?? 5), ...size, startImage: start?.data, signal: ctx.signal });
  const url = await ctx.saveOutput(mp4, "video/mp4", "video.mp4");
  // Like the real endpoints: only families that take a seed report one back.
  const supports: Supports = FAMILIES[family].supports;
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
