import "server-only";
import sharp from "sharp";
import { borderModel, type BackgroundModel } from "./background-model";
import { renderImage } from "./image";
import { inSlices } from "./slices";
import { MediaInputError } from "@/lib/system-tools";

/*
 * Background removal without a segmentation model: the backdrop is what surrounds the image.
 *
 * 1. The border's colours (background-model.ts) give a few background colours, each with a reach.
 * 2. A flood fill from the border runs through pixels within reach of a background colour (and
 *    through fully transparent ones). Only what it reaches is background: a patch of backdrop
 *    colour enclosed by the subject (the inside of a ring, a white shirt on a white wall behind
 *    an outline) is kept as subject, since nothing tells it apart from the subject's own colours.
 * 3. Subject specks smaller than MIN_SPECK left in the backdrop (noise, dust) become background.
 * 4. A soft edge: each pixel within EDGE px inside the boundary, and each background pixel touching
 *    it, gets the alpha of a two-colour mix, its position between the background colour and the
 *    nearest inner subject pixel's colour, and its colour unmixed from the background.
 *    Every other subject pixel keeps its RGB and alpha exactly.
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
// Soft edge: subject pixels this close (Chebyshev px) to the background are blended.
const EDGE = 2;
// Mix positions below LOW are background, above HIGH subject: noise must not fray the edge.
const LOW = 0.1;
const HIGH = 0.9;
// A background pixel this close to its backdrop colour (share of the reach) stays fully transparent.
const PLAIN_BACKDROP = 0.5;

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

type Fit = {
  /** Per pixel: distance to the nearest background colour over that colour's reach (≤ 1: background). */
  distance: Float32Array;
  /** Per pixel: which background colour is nearest. */
  nearest: Uint8Array;
  anyTransparent: boolean;
};

async function backdropFit(rgba: Buffer, n: number, model: BackgroundModel | undefined, signal?: AbortSignal): Promise<Fit> {
  const distance = new Float32Array(n);
  const nearest = new Uint8Array(n);
  let anyTransparent = false;
  const centres = model?.centres ?? new Float64Array(0);
  // Squared distances over squared reach: one square root per pixel instead of one per colour.
  const inverseReach2 = Float64Array.from(model?.reach ?? [], (r) => 1 / (r * r));
  const k = inverseReach2.length;
  await inSlices(n, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      const o = p * 4;
      if (rgba[o + 3] === 0) {
        anyTransparent = true;
        continue;
      }
      let best = Infinity;
      for (let c = 0; c < k; c++) {
        const dr = rgba[o]! - centres[c * 3]!;
        const dg = rgba[o + 1]! - centres[c * 3 + 1]!;
        const db = rgba[o + 2]! - centres[c * 3 + 2]!;
        const d = (dr * dr + dg * dg + db * db) * inverseReach2[c]!;
        if (d < best) {
          best = d;
          nearest[p] = c;
        }
      }
      distance[p] = Math.sqrt(best);
    }
  });
  return { distance, nearest, anyTransparent };
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

/**
 * The soft-edge band: for subject pixels, their Chebyshev distance (1..EDGE) to the background;
 * 1 for background pixels touching the subject; 0 everywhere else.
 */
async function edgeRing(background: Uint8Array, width: number, height: number, queue: Int32Array, signal?: AbortSignal): Promise<Uint8Array> {
  const n = width * height;
  let count = 0;
  await inSlices(n, signal, (from, to) => {
    for (let p = from; p < to; p++) {
      if (background[p] && anyAround(p, width, height, 1, (q) => !background[q])) queue[count++] = p;
    }
  });
  const ring = new Uint8Array(n);
  await inSlices(count, signal, (from, to) => {
    for (let k = from; k < to; k++) {
      const p = queue[k]!;
      ring[p] = 1;
      anyAround(p, width, height, EDGE, (q, d) => {
        if (!background[q] && (!ring[q] || d < ring[q]!)) ring[q] = d;
        return false;
      });
    }
  });
  return ring;
}

/** Calls test(q, chebyshevDistance) for pixels around p within radius until one returns true. */
function anyAround(p: number, width: number, height: number, radius: number, test: (q: number, d: number) => boolean): boolean {
  const x = p % width;
  const y = (p - x) / width;
  for (let qy = Math.max(0, y - radius); qy <= Math.min(height - 1, y + radius); qy++) {
    for (let qx = Math.max(0, x - radius); qx <= Math.min(width - 1, x + radius); qx++) {
      if ((qx !== x || qy !== y) && test(qy * width + qx, Math.max(Math.abs(qx - x), Math.abs(qy - y)))) return true;
    }
  }
  return false;
}

type EdgeContext = { background: Uint8Array; ring: Uint8Array; fit: Fit; model: BackgroundModel | undefined; width: number; height: number };

/**
 * An edge pixel as a mix α·F + (1 − α)·B of its background colour B and the colour F of the nearest
 * inner subject pixel: α from its position along B→F, its colour unmixed to F's side.
 */
function softenEdge(out: Buffer, rgba: Buffer, p: number, ctx: EdgeContext): void {
  const o = p * 4;
  const isBackground = ctx.background[p] === 1;
  if (!ctx.model || rgba[o + 3] === 0 || (isBackground && ctx.fit.distance[p]! <= PLAIN_BACKDROP)) {
    if (isBackground) out[o + 3] = 0;
    return;
  }
  const c = ctx.fit.nearest[p]! * 3;
  const B = [ctx.model.centres[c]!, ctx.model.centres[c + 1]!, ctx.model.centres[c + 2]!];
  const F = innerColour(rgba, p, ctx);
  let mix = isBackground ? 0 : 1;
  if (F) {
    const fb = [F[0]! - B[0]!, F[1]! - B[1]!, F[2]! - B[2]!];
    const len2 = fb[0]! ** 2 + fb[1]! ** 2 + fb[2]! ** 2;
    if (len2 >= 1) mix = ((rgba[o]! - B[0]!) * fb[0]! + (rgba[o + 1]! - B[1]!) * fb[1]! + (rgba[o + 2]! - B[2]!) * fb[2]!) / len2;
  }
  const alpha = Math.min(1, Math.max(0, (mix - LOW) / (HIGH - LOW)));
  if (alpha === 1) return; // exactly the input pixel
  out[o + 3] = Math.round(alpha * rgba[o + 3]!);
  if (alpha === 0) return;
  for (let k = 0; k < 3; k++) out[o + k] = Math.min(255, Math.max(0, Math.round(B[k]! + (rgba[o + k]! - B[k]!) / mix)));
}

/**
 * The colour of the nearest subject pixel beyond the edge band (within EDGE + 1 px); for a subject
 * too thin to have one, the one least like the backdrop. Undefined when no subject pixel is near.
 */
function innerColour(rgba: Buffer, p: number, ctx: EdgeContext): number[] | undefined {
  let best = -1;
  let bestScore = Infinity;
  anyAround(p, ctx.width, ctx.height, EDGE + 1, (q, d) => {
    if (ctx.background[q]) return false;
    // Inner pixels rank by nearness (score ≤ EDGE + 1); band pixels only after all of them, by unlikeness to the backdrop.
    const score = ctx.ring[q] ? EDGE + 2 + 1 / (1 + ctx.fit.distance[q]!) : d;
    if (score < bestScore) [best, bestScore] = [q, score];
    return false;
  });
  return best < 0 ? undefined : [rgba[best * 4]!, rgba[best * 4 + 1]!, rgba[best * 4 + 2]!];
}
