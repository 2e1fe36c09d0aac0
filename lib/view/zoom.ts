/**
 * A zoomed and panned view of a picture: shown at `scale`, moved by (x, y) CSS px, i.e. the CSS
 * transform `translate(x, y) scale(scale)`. Points are in the same frame as the transform's origin
 * (the centre of the picture in the lightbox, its top-left corner in the mask editor).
 */
export type View = { scale: number; x: number; y: number };
export type Point = { x: number; y: number };

export const FIT: View = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
/** One press of + or −, one notch of a button. */
export const ZOOM_STEP = 1.5;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The view at `scale` (clamped) that keeps the picture point under `at` where it is on screen. */
export function zoomTo(view: View, scale: number, at: Point = { x: 0, y: 0 }): View {
  const next = clamp(scale, MIN_SCALE, MAX_SCALE);
  if (next === MIN_SCALE) return FIT;
  const k = next / view.scale;
  return { scale: next, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}

export const zoomBy = (view: View, factor: number, at?: Point) => zoomTo(view, view.scale * factor, at);

/** A wheel turn as a zoom factor: smooth for trackpads, about one step for a mouse notch (deltaY ≈ 100). */
export const wheelFactor = (deltaY: number) => Math.exp(-deltaY * 0.004);

export const panBy = (view: View, dx: number, dy: number): View => (view.scale === MIN_SCALE ? view : { ...view, x: view.x + dx, y: view.y + dy });

/**
 * One move of a two-finger pinch: one finger went `from` → `to` (client px) while `other` stayed.
 * Zooms by how much the fingers spread, about `mid` (their midpoint, in the view's frame), and
 * follows the midpoint, which moved half as far as the finger.
 */
export function pinch(view: View, from: Point, to: Point, other: Point, mid: Point): View {
  const before = Math.hypot(from.x - other.x, from.y - other.y);
  const after = Math.hypot(to.x - other.x, to.y - other.y);
  if (before === 0) return view;
  return panBy(zoomBy(view, after / before, mid), (to.x - from.x) / 2, (to.y - from.y) / 2);
}
