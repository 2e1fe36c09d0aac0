import "server-only";
import { FAMILIES } from "./catalog";
import { callEndpoint, resolveEndpoint, type CallOptions, type FileInput, type RemoteFile } from "./call";
import { toImageResult, type ImageResult } from "./image";

/** The subject of a picture on transparency, or in front of a new background described by a prompt. */

export type RemoveBackgroundArgs = { image: FileInput };
export type ReplaceBackgroundArgs = { image: FileInput; prompt: string; negativePrompt?: string; seed?: number; numImages?: number };

export const asRemoteFile = (f: { url: string; content_type?: string; width?: number; height?: number }): RemoteFile => ({
  url: f.url,
  contentType: f.content_type ?? "image/png",
  width: f.width,
  height: f.height,
});

export async function removeBackground(args: RemoveBackgroundArgs, opts: CallOptions = {}): Promise<{ image: RemoteFile }> {
  const { endpointId, family } = resolveEndpoint("remove-background", opts.endpointId);
  // PNG keeps the alpha exactly (BiRefNet also offers lossy WebP and 1-bit GIF); the others always answer PNG.
  const input = "output_format" in FAMILIES[family].input.shape ? { output_format: "png" } : {};
  const out = await callEndpoint(family, endpointId, input, { image_url: args.image }, opts);
  return { image: asRemoteFile(out.image) };
}

/** The endpoint keeps the subject itself and paints only the background, so nothing is composited here. */
export async function replaceBackground(args: ReplaceBackgroundArgs, opts: CallOptions = {}): Promise<ImageResult> {
  const { endpointId, family } = resolveEndpoint("replace-background", opts.endpointId);
  const input = {
    prompt: args.prompt,
    ...(args.negativePrompt ? { negative_prompt: args.negativePrompt } : {}),
    seed: args.seed,
    num_images: args.numImages,
  };
  return toImageResult(await callEndpoint(family, endpointId, input, { image_url: args.image }, opts), args.seed);
}
