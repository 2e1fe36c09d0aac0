import "server-only";
import type { ImageSize } from "./catalog";
import { callEndpoint, resolveEndpoint, type CallOptions, type FileInput, type RemoteFile } from "./call";

/** Still images: from a prompt, or an edit of an image (whole, or inside a mask). */

type Sampling = { steps?: number; guidance?: number; seed?: number; numImages?: number; negativePrompt?: string };

export type GenerateImageArgs = Sampling & { prompt: string; imageSize?: ImageSize };
export type EditImageArgs = Sampling & { prompt: string; image: FileInput; mask?: FileInput; strength?: number };
export type ImageResult = { images: RemoteFile[]; seed: number | null };

type FalImages = { images: { url: string; content_type?: string; width?: number; height?: number }[]; seed?: number };

export function toImageResult(out: FalImages, sentSeed: number | undefined): ImageResult {
  return {
    images: out.images.map((i) => ({ url: i.url, contentType: i.content_type ?? "image/png", width: i.width, height: i.height })),
    seed: out.seed ?? sentSeed ?? null,
  };
}

const sampling = (a: Sampling) => ({
  num_inference_steps: a.steps,
  guidance_scale: a.guidance,
  seed: a.seed,
  num_images: a.numImages,
  enable_safety_checker: true,
  output_format: "png",
});

export async function generateImage(args: GenerateImageArgs, opts: CallOptions = {}): Promise<ImageResult> {
  const { endpointId, family } = resolveEndpoint("text-to-image", opts.endpointId);
  const out = await callEndpoint(family, endpointId, { prompt: args.prompt, image_size: args.imageSize, ...sampling(args) }, {}, opts);
  return toImageResult(out, args.seed);
}

/** With a mask only the masked area changes (inpainting); without, the whole image is re-imagined. */
export async function editImage(args: EditImageArgs, opts: CallOptions = {}): Promise<ImageResult> {
  const mode = args.mask ? "inpaint" : "image-to-image";
  const { endpointId, family } = resolveEndpoint(mode, opts.endpointId);
  const input = {
    prompt: args.prompt,
    ...(args.mask && args.negativePrompt ? { negative_prompt: args.negativePrompt } : {}),
    strength: args.strength,
    ...sampling(args),
  };
  const files = { image_url: args.image, ...(args.mask ? { mask_url: args.mask } : {}) };
  return toImageResult(await callEndpoint(family, endpointId, input, files, opts), args.seed);
}
