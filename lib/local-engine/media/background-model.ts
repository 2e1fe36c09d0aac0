import "server-only";
import { inSlices } from "./slices";

/**
 * The background's colours, read from the image border: a few clustered colours, each with the
 * colour distance within which a pixel still counts as that background. A gradient or two-tone
 * backdrop needs several; noise widens each one's reach.
 */
export type BackgroundModel = {
  /** k × RGB cluster centres. */
  centres: Float64Array;
  /** Per centre: the colour distance (Euclidean, RGB 0..255) that is still background. */
  reach: Float64Array;
};

const MAX_COLOURS = 6;
// Border samples closer than this to a centre share it: JPEG noise and gentle shading stay one colour.
const SAME_COLOUR = 24;
// A background surrounds the subject: its colour makes up at least this share of two sides. A subject
// touching one edge (a portrait cut at the bottom) brings its colours to that side only.
const SIDE_SHARE = 0.05;
const MIN_SIDES = 2;
// Reach = twice the colour's own spread (90th percentile) plus a margin, within fixed bounds.
const REACH_MIN = 20;
const REACH_MAX = 80;
const REACH_MARGIN = 12;
// Border pixels at least this opaque tell the background's colour; transparent ones are background anyway.
const OPAQUE = 128;
const LLOYD_ROUNDS = 4;

/** Pixel indices of the four sides (corners appear on two), sides in order top, bottom, left, right. */
function sides(width: number, height: number): Int32Array[] {
  const row = (y: number) => Int32Array.from({ length: width }, (_, x) => y * width + x);
  const col = (x: number) => Int32Array.from({ length: height }, (_, y) => y * width + x);
  return [row(0), row(height - 1), col(0), col(width - 1)];
}

/** Undefined when no colour surrounds the image: there is no backdrop to take away. */
export function borderModel(rgba: Buffer, width: number, height: number): BackgroundModel | undefined {
  const bySide = sides(width, height).map((side) => side.filter((p) => rgba[p * 4 + 3]! >= OPAQUE));
  const samples = Int32Array.from(bySide.flatMap((s) => Array.from(s)));
  if (!samples.length) return undefined;
  const colour = (p: number, c: number) => rgba[p * 4 + c]!;

  // Farthest-point seeding from the median colour, then a few Lloyd rounds: deterministic, no randomness.
  const centres: number[][] = [[0, 1, 2].map((c) => median(Array.from(samples, (p) => colour(p, c))))];
  const nearest = (p: number) => {
    let best = 0;
    let bestD = Infinity;
    centres.forEach((k, i) => {
      const d = dist2(colour(p, 0) - k[0]!, colour(p, 1) - k[1]!, colour(p, 2) - k[2]!);
      if (d < bestD) [best, bestD] = [i, d];
    });
    return { index: best, d: Math.sqrt(bestD) };
  };
  while (centres.length < MAX_COLOURS) {
    let far = -1;
    let farD = SAME_COLOUR;
    for (const p of samples) {
      const { d } = nearest(p);
      if (d > farD) [far, farD] = [p, d];
    }
    if (far < 0) break;
    centres.push([0, 1, 2].map((c) => colour(far, c)));
  }
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    for (const p of samples) {
      const s = sums[nearest(p).index]!;
      for (let c = 0; c < 3; c++) s[c]! += colour(p, c);
      s[3]! += 1;
    }
    sums.forEach((s, i) => {
      if (s[3]) centres[i] = [s[0]! / s[3], s[1]! / s[3], s[2]! / s[3]];
    });
  }

  const assigned = bySide.map((side) => Array.from(side, nearest));
  const kept: number[] = [];
  const reach: number[] = [];
  centres.forEach((_, i) => {
    const onSides = assigned.filter((side) => side.length && side.filter((a) => a.index === i).length >= side.length * SIDE_SHARE).length;
    if (onSides < MIN_SIDES) return;
    const spread = assigned.flat().filter((a) => a.index === i).map((a) => a.d);
    kept.push(i);
    reach.push(Math.min(REACH_MAX, Math.max(REACH_MIN, 2 * quantile(spread, 0.9) + REACH_MARGIN)));
  });
  if (!kept.length) return undefined;
  return { centres: Float64Array.from(kept.flatMap((i) => centres[i]!)), reach: Float64Array.from(reach) };
}

const dist2 = (r: number, g: number, b: number) => r * r + g * g + b * b;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const median = (values: number[]) => quantile(values, 0.5);

export type Fit = {
  /** Per pixel: distance to the nearest background colour over that colour's reach (≤ 1: background). */
  distance: Float32Array;
  /** Per pixel: which background colour is nearest. */
  nearest: Uint8Array;
  anyTransparent: boolean;
};

export async function backdropFit(rgba: Buffer, n: number, model: BackgroundModel | undefined, signal?: AbortSignal): Promise<Fit> {
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
