import "server-only";
import type { Lab } from "./color";
import type { Look, Palette } from "./look";
import type { Rng } from "./random";

/** Position over time: drift plus a gentle sway, the same formula for stills (t = 0) and video. */
export type Motion = { vx: number; vy: number; ax: number; ay: number; hz: number; phase: number };

export const TAU = 2 * Math.PI;
export const STILL: Motion = { vx: 0, vy: 0, ax: 0, ay: 0, hz: 0, phase: 0 };

export function offsetAt(m: Motion, t: number): { dx: number; dy: number } {
  const s = Math.sin(TAU * m.hz * t + m.phase);
  return { dx: m.vx * t + m.ax * s, dy: m.vy * t + m.ay * s };
}

/** A soft coloured ellipse of the field, in units of the frame height. */
export type Blob = { x: number; y: number; rx: number; ry: number; color: Lab; weight: number; motion: Motion };

/** A vector layer in pixels: `body` is SVG drawn in a width×height box placed at (x, y). */
export type Sprite = { width: number; height: number; x: number; y: number; defs: string; body: string; motion: Motion };

export type Stop = { at: number; color: Lab };

export type Scene = {
  width: number;
  height: number;
  gradient: { angle: number; stops: Stop[] };
  /** How strongly the gradient holds its ground against the blobs. */
  groundWeight: number;
  blobs: Blob[];
  warp: { amp: number; f1: number; f2: number; p1: number; p2: number; speed: number };
  vignette: number;
  sprites: Sprite[];
};

/** Shared while building one scene: the random stream, look, frame size W×H, clip length D and an SVG id counter. */
export type Ctx = { rng: Rng; look: Look; palette: Palette; W: number; H: number; D: number; ids: number };
