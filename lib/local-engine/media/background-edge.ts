import "server-only";
import { type BackgroundModel, type Fit } from "./background-model";
import { inSlices } from "./slices";

/*
 * The cut-out's soft edge. Each subject pixel within EDGE px of the background, and each background
 * pixel touching the subject, is read as a mix α·F + (1 − α)·B of its backdrop colour B and the
 * colour F of the nearest inner subject pixel: α from its position along B→F, its colour unmixed
 * to F's side. Anti-aliased and slightly blurred outlines get their coverage back instead of a
 * fringe of backdrop colour; every other pixel is left alone.
 */

// Soft edge: subject pixels this close (Chebyshev px) to the background are blended.
const EDGE = 2;
// Mix positions below LOW are background, above HIGH subject: noise must not fray the edge.
const LOW = 0.1;
const HIGH = 0.9;
// A background pixel this close to its backdrop colour (share of the reach) stays fully transparent.
const PLAIN_BACKDROP = 0.5;

/**
 * The soft-edge band: for subject pixels, their Chebyshev distance (1..EDGE) to the background;
 * 1 for background pixels touching the subject; 0 everywhere else.
 */
export async function edgeRing(background: Uint8Array, width: number, height: number, queue: Int32Array, signal?: AbortSignal): Promise<Uint8Array> {
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

export type EdgeContext = { background: Uint8Array; ring: Uint8Array; fit: Fit; model: BackgroundModel | undefined; width: number; height: number };

/**
 * An edge pixel as a mix α·F + (1 − α)·B of its background colour B and the colour F of the nearest
 * inner subject pixel: α from its position along B→F, its colour unmixed to F's side.
 */
export function softenEdge(out: Buffer, rgba: Buffer, p: number, ctx: EdgeContext): void {
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
