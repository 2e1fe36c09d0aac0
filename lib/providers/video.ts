import "server-only";
import { FAMILIES, type Supports } from "./catalog";
import { callEndpoint, resolveEndpoint, type CallOptions, type FileInput, type RemoteFile } from "./call";

export type GenerateVideoArgs = {
  prompt: string;
  negativePrompt?: string;
  /** The first frame; the clip is made from the prompt alone without it. */
  startImage?: FileInput;
  /** Seconds as the model spells them; its first option when left out. */
  duration?: string;
  aspectRatio?: string;
  steps?: number;
  guidance?: number;
  seed?: number;
};
export type VideoResult = { video: RemoteFile; seed: number | null };

/** Fields differ by family: each one gets only what it takes. */
export async function generateVideo(args: GenerateVideoArgs, opts: CallOptions = {}): Promise<VideoResult> {
  const { endpointId, family } = resolveEndpoint(args.startImage ? "image-to-video" : "text-to-video", opts.endpointId);
  const supports: Supports = FAMILIES[family].supports;
  const input = {
    prompt: args.prompt,
    ...(supports.negativePrompt && args.negativePrompt ? { negative_prompt: args.negativePrompt } : {}),
    ...(supports.duration ? { duration: args.duration ?? supports.duration[0] } : {}),
    ...(supports.aspectRatio ? { aspect_ratio: args.aspectRatio ?? supports.aspectRatio[0] } : {}),
    ...(supports.steps ? { num_inference_steps: args.steps } : {}),
    ...(supports.guidance ? { guidance_scale: args.guidance } : {}),
    // Kling takes guidance as a 0–1 cfg scale.
    ...(family.startsWith("kling") && args.guidance !== undefined ? { cfg_scale: Math.min(1, args.guidance / 10) } : {}),
    ...(supports.seed ? { seed: args.seed } : {}),
  };
  const out = await callEndpoint(family, endpointId, input, args.startImage ? { image_url: args.startImage } : {}, opts);
  return {
    video: { url: out.video.url, contentType: out.video.content_type ?? "video/mp4" },
    seed: supports.seed ? (out.seed ?? args.seed ?? null) : null,
  };
}
