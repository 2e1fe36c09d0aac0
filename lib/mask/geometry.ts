/**
 * Pure helpers for the mask editor: pointer → image mapping, stroke sampling,
 * and the pixel encodings of mask snapshots. No DOM access, so it is unit-tested in node.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The subset of DOMRect the mapping needs (so tests can pass plain objects). */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where an image of `natural` size lands inside `box` under `object-fit: contain` (centred, letterboxed). */
export function containRect(box: Rect, natural: Size): Rect {
  const scale = Math.min(box.width / natural.width, box.height / natural.height);
  const width = natural.width * scale;
  const height = natural.height * scale;
  return {
    left: box.left + (box.width - width) / 2,
    top: box.top + (box.height - height) / 2,
    width,
    height,
  };
}

/** CSS px per image px for an element showing the image with object-fit: contain. */
export function displayScale(rect: Rect, natural: Size): number {
  return containRect(rect, natural).width / natural.width;
}

/**
 * Maps a pointer position (clientX/Y) over an element with bounding `rect` to image pixel
 * coordinates. Not clamped: a stroke that starts just outside the picture still paints its edge.
 */
export function clientToImage(client: Point, rect: Rect, natural: Size): Point {
  const content = containRect(rect, natural);
  const scale = content.width / natural.width;
  return {
    x: (client.x - content.left) / scale,
    y: (client.y - content.top) / scale,
  };
}

/** Largest gap between brush stamps that still leaves no visible holes: half the radius. */
export function stampSpacing(radius: number): number {
  return Math.max(radius / 2, 0.5);
}

/**
 * Evenly spaced points from `from` (exclusive, it was already stamped) to `to` (inclusive),
 * at most `spacing` apart, so fast pointer moves still produce continuous strokes.
 */
export function interpolate(from: Point, to: Point, spacing: number): Point[] {
  if (!(spacing > 0)) throw new RangeError(`spacing must be positive, got ${spacing}`);
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const distance = Math.hypot(dx, dy);
  if (distance === 0) return [];
  const steps = Math.ceil(distance / spacing);
  const points: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    points.push({ x: from.x + (dx * i) / steps, y: from.y + (dy * i) / steps });
  }
  return points;
}

// --- Mask pixel encodings --------------------------------------------------------------
// The working mask canvas stores coverage in its alpha channel; snapshots keep only that
// channel (1 byte/pixel instead of 4) so 50 undo steps stay affordable on large images.

/** Coverage at or above this counts as painted in the exported black/white mask. */
export const PAINT_THRESHOLD = 128;

/**
 * Alpha channel of RGBA pixel data, snapped to 0 or 255. Snapping each committed stroke
 * keeps the editor WYSIWYG with the black/white export and leaves no faint eraser residue.
 */
export function binaryAlpha(rgba: Uint8ClampedArray): Uint8Array<ArrayBuffer> {
  const alpha = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < alpha.length; i++) alpha[i] = (rgba[i * 4 + 3] ?? 0) >= PAINT_THRESHOLD ? 255 : 0;
  return alpha;
}

export function hasPaint(alpha: Uint8Array): boolean {
  for (let i = 0; i < alpha.length; i++) {
    if ((alpha[i] ?? 0) >= PAINT_THRESHOLD) return true;
  }
  return false;
}

export function invertAlpha(alpha: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) out[i] = 255 - (alpha[i] ?? 0);
  return out;
}

/** RGBA for the working canvas: white, with the snapshot as alpha. */
export function alphaToCoverageRgba(alpha: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(alpha.length * 4);
  for (let i = 0; i < alpha.length; i++) {
    const o = i * 4;
    rgba[o] = 255;
    rgba[o + 1] = 255;
    rgba[o + 2] = 255;
    rgba[o + 3] = alpha[i] ?? 0;
  }
  return rgba;
}

/**
 * RGBA for the exported inpainting mask, opaque, coverage as brightness: white where painted
 * (change), black elsewhere (keep), grey only across a feathered edge (snapshots are 0 or 255).
 */
export function alphaToMaskRgba(alpha: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(alpha.length * 4);
  for (let i = 0; i < alpha.length; i++) {
    const value = alpha[i] ?? 0;
    const o = i * 4;
    rgba[o] = value;
    rgba[o + 1] = value;
    rgba[o + 2] = value;
    rgba[o + 3] = 255;
  }
  return rgba;
}
