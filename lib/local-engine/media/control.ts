import "server-only";
import sharp from "sharp";
import { buildScene } from "./build-scene";
import { checkSize, renderSceneRaw } from "./raster";
import { inSlices } from "./slices";
import { MediaInputError } from "@/lib/system-tools";
import type { ControlKind } from "@/lib/providers/wire/control";

/*
 * The local engine's control models: the prompt's procedural scene (the image model's, from prompt,
 * seed and index), made to follow control maps the way a ControlNet follows them, visibly and
 * deterministically:
 *   depth  — the scene is lit by the map: near (white) comes forward bright and clear, far (black)
 *            sinks back into the haze of the scene's own sky colour;
 *   edges  — the map's white lines are drawn into the picture as its ink line work;
 *   pose   — the OpenPose skeleton is fleshed out into a figure standing in the scene, in shade
 *            against a light scene or lit against a dark one.
 * Each map is stretched to the picture's size, as the pipelines resize a control image.
 * `strength` is the control scale: 0 leaves the scene as it is, 1 follows the map fully, up to 2.
 */

export type ControlMapInput = { kind: ControlKind; data: Buffer };

export type RenderControlledOptions = {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  index?: number;
  /** Applied in order; a picture guided by several maps (SDXL ControlNet Union) gets each. */
  maps: ControlMapInput[];
  strength: number;
  signal?: AbortSignal;
};

/** How far a pixel moves toward what the map asks: the control scale, at most all the way. */
const weightOf = (strength: number) => Math.min(1, Math.max(0, Number.isFinite(strength) ? strength : 1));
/** Above 1, the drawn parts are made bolder (line widths, figure size) rather than more opaque. */
const boldnessOf = (strength: number) => 1 + Math.max(0, Math.min(2, strength) - 1);

/** A map at the picture's size as one channel: luminance for depth and edges, the brightest channel for pose colours. */
async function mapChannel(map: ControlMapInput, width: number, height: number): Promise<Uint8Array> {
  try {
    const { data, info } = await sharp(map.data)
      .autoOrient()
      .flatten({ background: "#000000" })
      .resize(width, height, { fit: "fill", kernel: map.kind === "pose" ? "nearest" : "lanczos3" })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const out = new Uint8Array(width * height);
    for (let p = 0; p < out.length; p++) {
      const r = data[p * info.channels]!, g = data[p * info.channels + 1] ?? r, b = data[p * info.channels + 2] ?? r;
      out[p] = map.kind === "pose" ? Math.max(r, g, b) : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
    return out;
  } catch (err) {
    throw new MediaInputError(`Could not read the ${map.kind} map: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The scene's haze: the mean colour of its top tenth (the sky, or the field's far end), lifted a little. */
function hazeOf(art: Buffer, width: number, height: number): [number, number, number] {
  const rows = Math.max(1, Math.round(height / 10));
  const sum = [0, 0, 0];
  for (let p = 0; p < width * rows; p++) for (let c = 0; c < 3; c++) sum[c]! += art[p * 3 + c]!;
  return sum.map((s) => Math.min(255, (s / (width * rows)) * 0.7 + 255 * 0.3)) as [number, number, number];
}

async function applyDepth(art: Buffer, depth: Uint8Array, width: number, height: number, strength: number, signal?: AbortSignal) {
  const w = weightOf(strength);
  const haze = hazeOf(art, width, height);
  await inSlices(width * height, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      const d = depth[p]! / 255;
      // Near is lit up to 1.25×, far dimmed to 0.45× and 70 % lost in the haze.
      const light = 0.45 + 0.8 * d;
      const fog = (1 - d) * 0.7;
      for (let c = 0; c < 3; c++) {
        const o = p * 3 + c;
        const shaded = Math.min(255, art[o]! * light) * (1 - fog) + haze[c]! * fog;
        art[o] = Math.round(art[o]! + (shaded - art[o]!) * w);
      }
    }
  });
}

/** A mask grown around its bright pixels by about `radius` px (a blur, then a soft threshold). */
async function grown(mask: Uint8Array, width: number, height: number, radius: number, floor: number): Promise<Uint8Array> {
  if (radius < 0.5) return mask;
  const { data: blurred, info } = await sharp(Buffer.from(mask.buffer, mask.byteOffset, mask.length), { raw: { width, height, channels: 1 } })
    .blur(Math.max(0.3, radius))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(mask.length);
  // Anything the blur reached past `floor` is inside; the ramp above it keeps the outline smooth.
  for (let p = 0; p < out.length; p++) out[p] = Math.max(mask[p]!, Math.min(255, Math.max(0, (blurred[p * info.channels]! - floor) * 6)));
  return out;
}

async function applyEdges(art: Buffer, edges: Uint8Array, width: number, height: number, strength: number, signal?: AbortSignal) {
  const w = weightOf(strength);
  const lines = await grown(edges, width, height, (boldnessOf(strength) - 1) * Math.min(width, height) / 400, 8);
  await inSlices(width * height, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      const e = (lines[p]! / 255) * w;
      if (e === 0) continue;
      // Ink: the scene's own colour, darkened to a fifth.
      for (let c = 0; c < 3; c++) art[p * 3 + c] = Math.round(art[p * 3 + c]! * (1 - e * 0.8));
    }
  });
}

async function applyPose(art: Buffer, skeleton: Uint8Array, width: number, height: number, strength: number, signal?: AbortSignal) {
  const w = weightOf(strength);
  // Limbs are drawn about 8 px wide on a 512 px map; a body is a few times wider than its bones.
  const body = await grown(skeleton.map((v) => (v > 24 ? 255 : 0)), width, height, (Math.min(width, height) / 512) * 9 * boldnessOf(strength), 40);
  // The figure stands out from what is behind it: in shade against a light scene, lit against a dark one.
  let sum = 0;
  let count = 0;
  for (let p = 0; p < body.length; p++) {
    if (body[p]! < 128) continue;
    sum += 0.299 * art[p * 3]! + 0.587 * art[p * 3 + 1]! + 0.114 * art[p * 3 + 2]!;
    count++;
  }
  const [keep, add] = count && sum / count < 110 ? [0.3, 0.7 * 235] : [0.2, 0];
  await inSlices(width * height, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      const f = (body[p]! / 255) * w;
      if (f === 0) continue;
      for (let c = 0; c < 3; c++) {
        const o = p * 3 + c;
        art[o] = Math.round(art[o]! + (art[o]! * keep + add - art[o]!) * f);
      }
    }
  });
}

const APPLY = { depth: applyDepth, edges: applyEdges, pose: applyPose } as const;

/** A PNG of exactly width×height following every map; identical inputs give identical bytes. */
export async function renderControlled(opts: RenderControlledOptions): Promise<Buffer> {
  const { width, height, signal } = opts;
  checkSize(width, height);
  const art = await renderSceneRaw(buildScene({ prompt: opts.prompt, width, height, seed: opts.seed, index: opts.index }));
  for (const map of opts.maps) {
    signal?.throwIfAborted();
    await APPLY[map.kind](art, await mapChannel(map, width, height), width, height, opts.strength, signal);
  }
  return sharp(art, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
