import "server-only";
import sharp from "sharp";
import { edgeRing, softenEdge } from "./background-edge";
import { backdropFit, borderModel } from "./background-model";
import { renderImage } from "./image";
import { inSlices } from "./slices";
import { MediaInputError } from "@/lib/system-tools";

/*
 * Background removal without a segmentation model: the backdrop is what surrounds the image.
 *
 * 1. The border's colours (background-model.ts) give a few background colours, each with a reach,
 *    and every pixel's distance to the nearest, in reaches.
 * 2. A flood fill from the border runs through pixels within reach of a background colour (and
 *    through fully transparent ones). Only what it reaches is background: a patch of backdrop
 *    colour enclosed by the subject (the inside of a ring, a white shirt on a white wall behind
 *    an outline) is kept as subject, since nothing tells it apart from the subject's own colours.
 * 3. Subject specks too small to be a subject, left in the backdrop (noise, dust), become background.
 * 4. A soft edge of a few pixels along the outline (background-edge.ts). Every other subject pixel
 *    keeps its RGB and alpha exactly.
 */

export const NO_SUBJECT_MESSAGE = "No subject found: the background could not be told apart from the subject";

/** Nothing (or everything) stood apart from the backdrop. A MediaInputError, so a 422 about `image_url`. */
export class NoSubjectError extends MediaInputError {
  readonly field = "image_url";
  constructor() {
    super(NO_SUBJECT_MESSAGE);
    this.name = "NoSubjectError";
  }
}

export type Cutout = { png: Buffer; width: number; height: number; subjectFraction: number };

// Outside this share of subject pixels there is nothing to cut out: a flat image, or no backdrop.
const MIN_SUBJECT = 0.005;
const MAX_SUBJECT = 0.99;

/** The subject on transparency: an RGBA PNG of the image's own size. */
export async function removeBackground(image: Buffer, opts: { signal?: AbortSignal } = {}): Promise<Cutout> {
  const cut = await cutOut(image, opts.signal);
  const png = await sharp(cut.rgba, { raw: { width: cut.width, height: cut.height, channels: 4 } }).png().toBuffer();
  return { png, width: cut.width, height: cut.height, subjectFraction: cut.subjectFraction };
}

export type ReplaceBackgroundOptions = { image: Buffer; prompt: string; seed: number; index?: number; signal?: AbortSignal };

/** The subject over a backdrop rendered for the prompt: an opaque PNG of the image's own size. */
export async function replaceBackground(opts: ReplaceBackgroundOptions): Promise<Buffer> {
  const { width, height, rgba } = await cutOut(opts.image, opts.signal);
  const backdrop = await renderImage({ prompt: opts.prompt, width, height, seed: opts.seed, index: opts.index, signal: opts.signal });
  return sharp(backdrop)
    .composite([{ input: rgba, raw: { width, height, channels: 4 } }])
    .removeAlpha()
    .png()
    .toBuffer();
}

type Raster = { rgba: Buffer; width: number; height: number };

async function decode(image: Buffer): Promise<Raster> {
  try {
    const { data, info } = await sharp(image).autoOrient().toColourspace("srgb").ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { rgba: data, width: info.width, height: info.height };
  } catch (err) {
    throw new MediaInputError(`Could not read the image: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function cutOut(image: Buffer, signal?: AbortSignal): Promise<Raster & { subjectFraction: number }> {
  const { rgba, width, height } = await decode(image);
  const n = width * height;
  const model = borderModel(rgba, width, height);
  const fit = await backdropFit(rgba, n, model, signal);
  // No colour surrounds the image and nothing in it is transparent: no backdrop to take away.
  if (!model && !fit.anyTransparent) throw new NoSubjectError();

  const queue = new Int32Array(n);
  const background = await floodFromBorder(fit.distance, width, height, queue, signal);
  const subject = await dropSpecks(background, width, height, queue, signal);
  const subjectFraction = subject / n;
  if (subjectFraction < MIN_SUBJECT || subjectFraction > MAX_SUBJECT) throw new NoSubjectError();

  const ring = await edgeRing(background, width, height, queue, signal);
  const out = Buffer.from(rgba);
  await inSlices(n, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      if (ring[p]) softenEdge(out, rgba, p, { background, ring, fit, model, width, height });
      else if (background[p]) out[p * 4 + 3] = 0;
    }
  });
  return { rgba: out, width, height, subjectFraction };
}

/** 1 for every pixel a 4-connected fill from the border reaches through background colours. */
async function floodFromBorder(distance: Float32Array, width: number, height: number, queue: Int32Array, signal?: AbortSignal): Promise<Uint8Array> {
  const reached = new Uint8Array(width * height);
  let tail = 0;
  const visit = (p: number) => {
    if (!reached[p] && distance[p]! <= 1) {
      reached[p] = 1;
      queue[tail++] = p;
    }
  };
  for (let x = 0; x < width; x++) [visit(x), visit((height - 1) * width + x)];
  for (let y = 0; y < height; y++) [visit(y * width), visit(y * width + width - 1)];
  // Each pixel enters the queue at most once, so width × height pops bound the fill.
  let head = 0;
  await inSlices(width * height, signal, (from, to) => {
    for (let k = from; k < to && head < tail; k++) {
      const p = queue[head++]!;
      const x = p % width;
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (p >= width) visit(p - width);
      if (p < (height - 1) * width) visit(p + width);
    }
  });
  return reached;
}

/**
 * Turns 8-connected subject components smaller than a speck (noise, dust on the backdrop) into
 * background; returns the subject pixels left.
 */
async function dropSpecks(background: Uint8Array, width: number, height: number, queue: Int32Array, signal?: AbortSignal): Promise<number> {
  const n = width * height;
  const minSpeck = Math.max(16, Math.round(n / 50_000));
  const seen = new Uint8Array(n);
  let subject = 0;
  await inSlices(n, signal, (from, to) => {
    for (let start = from; start < to; start++) {
      if (background[start] || seen[start]) continue;
      let tail = 0;
      seen[start] = 1;
      queue[tail++] = start;
      for (let head = 0; head < tail; head++) {
        const p = queue[head]!;
        const x = p % width;
        const y = (p - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const qx = x + dx;
            const qy = y + dy;
            if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
            const q = qy * width + qx;
            if (!background[q] && !seen[q]) {
              seen[q] = 1;
              queue[tail++] = q;
            }
          }
        }
      }
      if (tail < minSpeck) for (let i = 0; i < tail; i++) background[queue[i]!] = 1;
      else subject += tail;
    }
  });
  return subject;
}
