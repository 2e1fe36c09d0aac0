import "server-only";
import { mix } from "./color";
import { makePalette, readLook } from "./look";
import { between, hashSeed, intBetween, mulberry32, sign, type Rng } from "./random";
import { STILL, TAU, type Blob, type Ctx, type Motion, type Scene, type Stop } from "./scene";
import { celestial, glitter, orbSprite, silkLines, stars } from "./sprites";
import { terrain } from "./terrain";

export type SceneOptions = {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  index?: number;
  /** Moving layers are made long enough to stay on screen this long. */
  durationSec?: number;
};

/** Everything random is drawn here, so the same options always give the same scene. */
export function buildScene(opts: SceneOptions): Scene {
  const rng = mulberry32(hashSeed("scene", opts.prompt, opts.seed, opts.index ?? 0));
  const look = readLook(opts.prompt, rng);
  const palette = makePalette(look, rng);
  const ctx: Ctx = { rng, look, palette, W: opts.width, H: opts.height, D: opts.durationSec ?? 0, ids: 0 };
  switch (look.kind) {
    case "mesh":
      return meshScene(ctx);
    case "orbs":
      return orbScene(ctx);
    case "landscape":
      return landscapeScene(ctx);
  }
}

type SceneParts = { angle: number; stops: Stop[]; blobs: Blob[]; groundWeight: number; warpAmp: number; vignette?: number };

function scene(ctx: Ctx, parts: SceneParts): Scene {
  const { rng } = ctx;
  return {
    width: ctx.W,
    height: ctx.H,
    gradient: { angle: parts.angle, stops: parts.stops },
    groundWeight: parts.groundWeight,
    blobs: parts.blobs,
    warp: { amp: parts.warpAmp, f1: between(rng, 2, 5), f2: between(rng, 2, 5), p1: between(rng, 0, TAU), p2: between(rng, 0, TAU), speed: between(rng, 0.25, 0.5) },
    vignette: parts.vignette ?? 0.18,
    sprites: [],
  };
}

function swirl(rng: Rng, amp: number): Motion {
  return { vx: 0, vy: 0, ax: amp * between(rng, 0.5, 1) * sign(rng), ay: amp * between(rng, 0.3, 0.8) * sign(rng), hz: between(rng, 0.04, 0.1), phase: between(rng, 0, TAU) };
}

function meshScene(ctx: Ctx): Scene {
  const { rng, palette, W, H } = ctx;
  const aspect = W / H;
  const count = intBetween(rng, 5, 6);
  const blobs: Blob[] = Array.from({ length: count }, (_, i) => {
    const r = between(rng, 0.22, 0.5);
    return {
      x: between(rng, -0.1, aspect + 0.1),
      y: between(rng, -0.1, 1.1),
      rx: r * between(rng, 0.8, 1.5),
      ry: r,
      color: palette.mesh[i % palette.mesh.length]!,
      weight: between(rng, 0.7, 1.3),
      motion: swirl(rng, 0.18),
    };
  });
  // One small bright highlight gives the eye somewhere to land.
  blobs.push({ x: between(rng, 0.2, aspect - 0.2), y: between(rng, 0.2, 0.8), rx: 0.16, ry: 0.16, color: mix(palette.light, palette.blobs[0]!, 0.4), weight: 0.7, motion: swirl(rng, 0.12) });
  const stops = [palette.top, palette.middle, palette.bottom].map((color, i) => ({ at: i / 2, color }));
  const mesh = scene(ctx, { angle: between(rng, 0, 360), stops, blobs, groundWeight: 0.25, warpAmp: between(rng, 0.06, 0.12) });
  if (rng() < 0.8) mesh.sprites.push(silkLines(ctx));
  return mesh;
}

function orbScene(ctx: Ctx): Scene {
  const { rng, palette, W, H } = ctx;
  const aspect = W / H;
  const blobs: Blob[] = [0, 1, 2].map((i) => ({
    x: between(rng, 0, aspect),
    y: between(rng, 0, 1),
    rx: between(rng, 0.3, 0.55),
    ry: between(rng, 0.3, 0.55),
    color: palette.blobs[i + 2]!,
    weight: 0.6,
    motion: swirl(rng, 0.1),
  }));
  const stops = [palette.top, palette.middle, palette.bottom].map((color, i) => ({ at: i / 2, color }));
  const orbs = scene(ctx, { angle: between(rng, 0, 360), stops, blobs, groundWeight: 0.5, warpAmp: 0.04 });
  const unit = Math.min(W, H);
  const radii = Array.from({ length: intBetween(rng, 3, 6) }, (_, i) => unit * (i === 0 ? between(rng, 0.16, 0.24) : between(rng, 0.04, 0.13)));
  const placed = placeOrbs(rng, W, H, radii.sort((a, b) => b - a));
  // Drawn smallest first, so the big orbs sit in front.
  placed.reverse().forEach((o, i) => orbs.sprites.push(orbSprite(ctx, o.r, palette.blobs[i % palette.blobs.length]!, o.x, o.y)));
  return orbs;
}

/** Places circles (largest first) where each overlaps the others least, from a few random tries. */
function placeOrbs(rng: Rng, W: number, H: number, radii: number[]): { x: number; y: number; r: number }[] {
  const placed: { x: number; y: number; r: number }[] = [];
  for (const r of radii) {
    let best = { x: W / 2, y: H / 2, r, gap: -Infinity };
    for (let tries = 0; tries < 16 && best.gap < r * 0.3; tries++) {
      const x = between(rng, 0.1, 0.9) * W;
      const y = between(rng, 0.14, 0.86) * H;
      const gap = Math.min(Infinity, ...placed.map((o) => Math.hypot(o.x - x, o.y - y) - o.r - r));
      if (gap > best.gap) best = { x, y, r, gap };
    }
    placed.push({ x: best.x, y: best.y, r });
  }
  return placed;
}

function landscapeScene(ctx: Ctx): Scene {
  const { rng, palette, look, W, H } = ctx;
  const aspect = W / H;
  const horizon = look.terrain === "waves" ? between(rng, 0.5, 0.62) : between(rng, 0.5, 0.66);
  const sunX = between(rng, 0.2, 0.8);
  const sunY = look.mood === "dusk" ? horizon - between(rng, 0.02, 0.12) : between(rng, 0.12, horizon - 0.2);
  const glow = look.mood === "night" ? mix(palette.bottom, palette.light, 0.25) : mix(palette.bottom, palette.light, 0.6);
  const blobs: Blob[] = [
    { x: sunX * aspect, y: sunY, rx: 0.42, ry: 0.36, color: glow, weight: look.mood === "night" ? 0.5 : 1.1, motion: STILL },
  ];
  // Clouds: long flat blobs drifting sideways.
  for (let i = intBetween(rng, 1, 4); i > 0; i--) {
    blobs.push({
      x: between(rng, 0, aspect),
      y: between(rng, 0.08, horizon - 0.12),
      rx: between(rng, 0.25, 0.5),
      ry: between(rng, 0.035, 0.07),
      color: mix(palette.light, palette.middle, look.mood === "night" ? 0.75 : 0.35),
      weight: between(rng, 0.35, 0.7),
      motion: { vx: 0.012 * sign(rng), vy: 0, ax: 0, ay: 0.01, hz: 0.05, phase: between(rng, 0, TAU) },
    });
  }
  const stops: Stop[] = [
    { at: 0, color: palette.top },
    { at: horizon * 0.65, color: palette.middle },
    { at: horizon + 0.05, color: palette.bottom },
    { at: 1, color: palette.bottom },
  ];
  const land = scene(ctx, { angle: 90, stops, blobs, groundWeight: 1, warpAmp: 0.012, vignette: 0.14 });
  if (look.mood === "night") land.sprites.push(stars(ctx, horizon));
  land.sprites.push(celestial(ctx, sunX * W, sunY * H));
  land.sprites.push(...terrain(ctx, horizon * H));
  if (look.terrain === "waves") land.sprites.push(glitter(ctx, sunX * W, horizon * H));
  return land;
}
