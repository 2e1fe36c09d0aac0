import "server-only";
import sharp from "sharp";
import { buildScene } from "./build-scene";
import { renderSceneRaw } from "./raster";
import { inSlices } from "./slices";
import { MediaInputError } from "@/lib/system-tools";

export type InpaintOptions = {
  image: Buffer;
  /** White = repaint, black = keep; grey blends. Resized to the image if its size differs. */
  mask: Buffer;
  prompt: string;
  seed: number;
  /** 0..1, how far masked pixels move toward the new content (default 1). */
  strength?: number;
  index?: number;
  /** Stops the work between slices (a cancelled job, a shutdown). */
  signal?: AbortSignal;
};

// Mask values this low count as black: JPEG masks carry a little ringing around their strokes.
const MASK_FLOOR = 4;
// Share of the fill taken from the blurred surroundings, so the patch picks up the photo's colours.
const CONTEXT_SHARE = 0.3;

/**
 * Repaints the masked part of an image with procedural content for the prompt. Pixels where the
 * mask is black come out byte-identical; the result is a PNG of the image's own size (and alpha).
 */
export async function inpaint(opts: InpaintOptions): Promise<Buffer> {
  const { signal } = opts;
  const image = await decodeImage(opts.image);
  const { width, height, channels } = image;
  const mask = await feather(await decodeMask(opts.mask, width, height, signal), width, height, signal);
  signal?.throwIfAborted();
  const art = await renderSceneRaw(buildScene({ prompt: opts.prompt, width, height, seed: opts.seed, index: opts.index }));
  const context = await blurredRgb(image);
  const strength = clamp01(opts.strength ?? 1);

  const out = Buffer.from(image.data);
  await inSlices(width * height, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      const m = mask[p]!;
      if (m <= MASK_FLOOR) continue;
      const w = (m / 255) * strength;
      const o = p * channels;
      for (let c = 0; c < 3; c++) {
        const fill = art[p * 3 + c]! * (1 - CONTEXT_SHARE) + context[p * 3 + c]! * CONTEXT_SHARE;
        out[o + c] = Math.round(out[o + c]! + (fill - out[o + c]!) * w);
      }
      // New content is opaque: painting into a transparent hole fills it.
      if (channels === 4) out[o + 3] = Math.round(out[o + 3]! + (255 - out[o + 3]!) * w);
    }
  });
  return sharp(out, { raw: { width, height, channels } }).png().toBuffer();
}

type RawImage = { data: Buffer; width: number; height: number; channels: 3 | 4 };

/** Upright 8-bit sRGB, with an alpha channel only when the input has one. */
async function decodeImage(data: Buffer): Promise<RawImage> {
  try {
    const img = sharp(data).autoOrient();
    const { hasAlpha } = await img.metadata();
    const rgb = img.toColourspace("srgb");
    const { data: raw, info } = await (hasAlpha ? rgb.ensureAlpha() : rgb.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
    return { data: raw, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
  } catch (err) {
    throw new MediaInputError(`Could not read the image: ${message(err)}`);
  }
}

/** One luminance byte per image pixel; transparent mask areas count as black (keep). */
async function decodeMask(data: Buffer, width: number, height: number, signal?: AbortSignal): Promise<Buffer> {
  try {
    const { data: raw, info } = await sharp(data)
      .autoOrient()
      .flatten({ background: "#000000" })
      .resize(width, height, { fit: "fill", kernel: "nearest" })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels === 1) return raw;
    const lum = Buffer.alloc(width * height);
    await inSlices(lum.length, signal, (from, to) => {
      for (let p = from; p < to; p++) lum[p] = raw[p * info.channels]!;
    });
    return lum;
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new MediaInputError(`Could not read the mask: ${message(err)}`);
  }
}

/**
 * Softens the mask's edges inward only (the minimum of the mask and its blur): the patch fades
 * into the photo instead of ending in a cut-out edge, and black stays exactly black.
 */
async function feather(mask: Buffer, width: number, height: number, signal?: AbortSignal): Promise<Buffer> {
  const sigma = Math.max(0.8, Math.min(width, height) / 160);
  const blurred = await sharp(mask, { raw: { width, height, channels: 1 } }).blur(sigma).extractChannel(0).raw().toBuffer();
  const out = Buffer.alloc(mask.length);
  await inSlices(mask.length, signal, (from, to) => {
    for (let p = from; p < to; p++) out[p] = Math.min(mask[p]!, blurred[p]!);
  });
  return out;
}

async function blurredRgb(image: RawImage): Promise<Buffer> {
  const sigma = Math.max(2, Math.min(image.width, image.height) / 24);
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .removeAlpha()
    .blur(sigma)
    .raw()
    .toBuffer();
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 1);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
