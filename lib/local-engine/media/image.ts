import "server-only";
import sharp from "sharp";
import { buildScene } from "./build-scene";
import { checkSize, coverRaw, renderSceneRaw } from "./raster";
import { inSlices } from "./slices";

/*
 * The local engine's "model": procedural art driven by the prompt and seed.
 *
 * A scene is a smooth colour field (a gradient plus soft coloured blobs, mixed in OKLab and
 * domain-warped) with crisp vector sprites on top (hills, trees, skylines, sun, orbs, silk lines).
 * The field is smooth, so it is computed at low resolution and upscaled; sprites are SVG and
 * drawn at full size. Both are functions of time, which is how video.ts animates the same scene.
 *
 * look.ts reads the prompt into hues, mood and composition; build-scene.ts draws every random
 * choice into a Scene (scene.ts), with sprites from sprites.ts and terrain.ts; raster.ts turns a
 * scene into pixels. Colour maths lives in color.ts.
 */

export type RenderImageOptions = {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  index?: number;
  /** Image-to-image: strength 0 keeps the source, 1 replaces it with the procedural art. */
  source?: { data: Buffer; strength: number };
  signal?: AbortSignal;
};

/** A PNG of exactly width×height; identical inputs give identical bytes. */
export async function renderImage(opts: RenderImageOptions): Promise<Buffer> {
  const { width, height } = opts;
  checkSize(width, height);
  const art = await renderSceneRaw(buildScene(opts));
  opts.signal?.throwIfAborted();
  const rgb = opts.source ? await blend(await coverRaw(opts.source.data, width, height), art, opts.source.strength, opts.signal) : art;
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function blend(source: Buffer, art: Buffer, strength: number, signal?: AbortSignal): Promise<Buffer> {
  const s = Math.min(1, Math.max(0, Number.isFinite(strength) ? strength : 1));
  const out = Buffer.alloc(source.length);
  await inSlices(out.length, signal, (from, to) => {
    for (let i = from; i < to; i++) out[i] = Math.round(source[i]! + (art[i]! - source[i]!) * s);
  });
  return out;
}
