import "server-only";
import sharp from "sharp";
import { MediaInputError } from "@/lib/system-tools";

/*
 * Canny's edge detector, computed for real: greyscale, a Gaussian blur against noise, Sobel
 * gradients, thinning to one-pixel ridges (non-maximum suppression along the gradient), then
 * hysteresis: pixels above the high threshold are edges, pixels above the low one are edges when
 * connected to one. Thresholds are in OpenCV's units (cv2.Canny with its 3×3 Sobel and L1
 * magnitude, |gx| + |gy|, on 0–255 values), so fal's defaults of 100 and 200 mean the same here.
 * The answer is a control map as fal's preprocessor draws it: white edges on black.
 */

export type CannyOptions = { low?: number; high?: number; signal?: AbortSignal };

export const CANNY_DEFAULTS = { low: 100, high: 200 } as const;

/** 5-tap binomial kernel (σ ≈ 1): smooths sensor noise and JPEG ringing without moving edges. */
const BLUR = [1, 4, 6, 4, 1].map((v) => v / 16);

/** Greyscale 0..255 as floats, upright, transparency flattened onto white. */
async function greyscale(data: Buffer): Promise<{ grey: Float32Array; width: number; height: number }> {
  try {
    const { data: raw, info } = await sharp(data).autoOrient().flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const grey = new Float32Array(info.width * info.height);
    for (let p = 0; p < grey.length; p++) grey[p] = raw[p * info.channels]!;
    return { grey, width: info.width, height: info.height };
  } catch (err) {
    throw new MediaInputError(`Could not read the image: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Separable blur with edge pixels repeated beyond the border. */
function blur(src: Float32Array, width: number, height: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const r = (BLUR.length - 1) / 2;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += BLUR[k + r]! * src[row + Math.min(width - 1, Math.max(0, x + k))]!;
      tmp[row + x] = sum;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += BLUR[k + r]! * tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
      out[y * width + x] = sum;
    }
  }
  return out;
}

/**
 * The gradient's L1 magnitude and its direction quantised to 0°, 45°, 90° or 135° (0..3), by 3×3
 * Sobel with the border replicated.
 */
function sobel(src: Float32Array, width: number, height: number): { magnitude: Float32Array; direction: Uint8Array } {
  const magnitude = new Float32Array(src.length);
  const direction = new Uint8Array(src.length);
  const at = (x: number, y: number) => src[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  // tan(22.5°) and tan(67.5°): the borders between the four directions.
  const t1 = Math.SQRT2 - 1;
  const t2 = Math.SQRT2 + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = at(x - 1, y - 1), b = at(x, y - 1), c = at(x + 1, y - 1);
      const d = at(x - 1, y), f = at(x + 1, y);
      const g = at(x - 1, y + 1), h = at(x, y + 1), i = at(x + 1, y + 1);
      const gx = c + 2 * f + i - (a + 2 * d + g);
      const gy = g + 2 * h + i - (a + 2 * b + c);
      const p = y * width + x;
      magnitude[p] = Math.abs(gx) + Math.abs(gy);
      const ax = Math.abs(gx);
      const ay = Math.abs(gy);
      // y grows downwards: a gradient up-right in image terms has gx and gy of opposite signs.
      direction[p] = ay <= ax * t1 ? 0 : ay >= ax * t2 ? 2 : (gx > 0) === (gy > 0) ? 3 : 1;
    }
  }
  return { magnitude, direction };
}

/** Neighbour offsets (dx, dy) across the edge for each quantised direction. */
const ACROSS: readonly (readonly [number, number])[] = [
  [1, 0], // gradient horizontal: compare left and right
  [1, -1], // 45°: up-right and down-left
  [0, 1], // vertical: above and below
  [1, 1], // 135°: down-right and up-left
];

/** Keeps a pixel only where its magnitude is a maximum across the edge (ties broken as OpenCV does: > one side, ≥ the other). */
function thin(magnitude: Float32Array, direction: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(magnitude.length);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : magnitude[y * width + x]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const m = magnitude[p]!;
      if (m === 0) continue;
      const [dx, dy] = ACROSS[direction[p]!]!;
      if (m > at(x - dx, y - dy) && m >= at(x + dx, y + dy)) out[p] = m;
    }
  }
  return out;
}

/** Strong pixels (> high) and every weak one (> low) 8-connected to them become edges (255). */
function hysteresis(ridges: Float32Array, width: number, height: number, low: number, high: number): Uint8Array {
  const edges = new Uint8Array(ridges.length);
  const stack: number[] = [];
  for (let p = 0; p < ridges.length; p++) {
    if (ridges[p]! > high) {
      edges[p] = 255;
      stack.push(p);
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % width;
    const y = (p - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (!edges[q] && ridges[q]! > low) {
          edges[q] = 255;
          stack.push(q);
        }
      }
    }
  }
  return edges;
}

/** The edges as one byte per pixel (255 edge, 0 not), for callers that draw with them. */
export async function cannyEdges(data: Buffer, opts: CannyOptions = {}): Promise<{ edges: Uint8Array; width: number; height: number }> {
  let low = opts.low ?? CANNY_DEFAULTS.low;
  let high = opts.high ?? CANNY_DEFAULTS.high;
  // As cv2.Canny: thresholds given the wrong way round are swapped.
  if (low > high) [low, high] = [high, low];
  const { grey, width, height } = await greyscale(data);
  opts.signal?.throwIfAborted();
  const smooth = blur(grey, width, height);
  opts.signal?.throwIfAborted();
  const { magnitude, direction } = sobel(smooth, width, height);
  opts.signal?.throwIfAborted();
  const ridges = thin(magnitude, direction, width, height);
  opts.signal?.throwIfAborted();
  return { edges: hysteresis(ridges, width, height, low, high), width, height };
}

/** The edge map as fal's Canny preprocessor answers it: a PNG of the image's size, white edges on black (RGB). */
export async function cannyMap(data: Buffer, opts: CannyOptions = {}): Promise<Buffer> {
  const { edges, width, height } = await cannyEdges(data, opts);
  return sharp(Buffer.from(edges.buffer, edges.byteOffset, edges.length), { raw: { width, height, channels: 1 } }).toColourspace("srgb").png().toBuffer();
}
