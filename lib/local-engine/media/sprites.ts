import "server-only";
import { fit, hex, mix, type Lab } from "./color";
import { between, intBetween, sign } from "./random";
import { STILL, TAU, type Ctx, type Motion, type Sprite } from "./scene";
import { num, pathFrom, uid } from "./svg";

/** Layers that drift sideways are drawn wider, so they still cover the frame at the end of a clip. */
export function panLayer(ctx: Ctx, vx: number): { x: number; width: number; motion: Motion } {
  const travel = Math.ceil(Math.abs(vx) * ctx.D) + 2;
  return { x: vx > 0 ? -travel : 0, width: ctx.W + travel, motion: { ...STILL, vx } };
}

export function silkLines(ctx: Ctx): Sprite {
  const { rng, palette, W, H } = ctx;
  const layer = panLayer(ctx, W * between(rng, 0.01, 0.025) * sign(rng));
  const count = intBetween(rng, 14, 26);
  const top = H * between(rng, 0.15, 0.5);
  const gap = (H * between(rng, 0.2, 0.45)) / count;
  const f1 = TAU / (W * between(rng, 0.9, 1.8));
  const f2 = f1 * between(rng, 1.8, 2.9);
  // Gentle slopes: steep stretches bunch the lines into a bright streak.
  const [a1, a2] = [H * between(rng, 0.06, 0.14), H * between(rng, 0.02, 0.05)];
  const [p1, p2] = [between(rng, 0, TAU), between(rng, 0, TAU)];
  // Small phase spread across lines: they fold like fabric but rarely cross.
  const [d1, d2] = [between(rng, 0.3, 1.2), between(rng, 0.5, 2)];
  const step = Math.max(3, W / 240);
  const stroke = hex(palette.light);
  const width = num(Math.max(1, Math.min(W, H) / 600));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = i / count;
    const pts: [number, number][] = [];
    for (let x = 0; x <= layer.width + step; x += step) {
      const wx = x + layer.x;
      pts.push([x, top + i * gap + a1 * Math.sin(wx * f1 + p1 + f * d1) + a2 * Math.sin(wx * f2 + p2 + f * d2)]);
    }
    const opacity = num(0.08 + 0.3 * Math.sin(Math.PI * f) ** 2);
    lines.push(`<path d="${pathFrom(pts)}" fill="none" stroke="${stroke}" stroke-opacity="${opacity}" stroke-width="${width}"/>`);
  }
  return { ...layer, y: 0, height: H, defs: "", body: lines.join("") };
}

export function orbSprite(ctx: Ctx, r: number, color: Lab, cx: number, cy: number): Sprite {
  const { rng, palette } = ctx;
  const id = uid(ctx);
  const size = Math.ceil(r * 4.2);
  const c = size / 2;
  const ringed = rng() < 0.3;
  const tilt = between(rng, -25, 25);
  const defs = [
    `<radialGradient id="${id}b" cx="0.4" cy="0.36" r="0.72" fx="0.34" fy="0.28">`,
    `<stop offset="0" stop-color="${hex(mix(color, palette.light, 0.6))}"/>`,
    `<stop offset="0.5" stop-color="${hex(color)}"/>`,
    `<stop offset="1" stop-color="${hex(mix(color, palette.ink, 0.65))}"/></radialGradient>`,
    `<radialGradient id="${id}g"><stop offset="0.45" stop-color="${hex(color)}" stop-opacity="0.35"/>`,
    `<stop offset="1" stop-color="${hex(color)}" stop-opacity="0"/></radialGradient>`,
    `<clipPath id="${id}c"><rect x="0" y="${num(c)}" width="${size}" height="${num(c)}"/></clipPath>`,
  ].join("");
  const ring = `<ellipse cx="${num(c)}" cy="${num(c)}" rx="${num(r * 1.75)}" ry="${num(r * 0.42)}" fill="none" stroke="${hex(palette.light)}" stroke-opacity="0.55" stroke-width="${num(r * 0.07)}"/>`;
  const rot = `rotate(${num(tilt)} ${num(c)} ${num(c)})`;
  const body = [
    `<circle cx="${num(c)}" cy="${num(c)}" r="${num(r * 2)}" fill="url(#${id}g)"/>`,
    ringed ? `<g transform="${rot}">${ring}</g>` : "",
    `<circle cx="${num(c)}" cy="${num(c)}" r="${num(r)}" fill="url(#${id}b)"/>`,
    `<circle cx="${num(c)}" cy="${num(c)}" r="${num(r * 0.985)}" fill="none" stroke="${hex(palette.light)}" stroke-opacity="0.18" stroke-width="${num(Math.max(1, r * 0.03))}"/>`,
    `<ellipse cx="${num(c - r * 0.32)}" cy="${num(c - r * 0.42)}" rx="${num(r * 0.26)}" ry="${num(r * 0.13)}" fill="#ffffff" fill-opacity="0.3" transform="rotate(-35 ${num(c - r * 0.32)} ${num(c - r * 0.42)})"/>`,
    ringed ? `<g transform="${rot}" clip-path="url(#${id}c)">${ring}</g>` : "",
  ].join("");
  return {
    width: size,
    height: size,
    x: cx - c,
    y: cy - c,
    defs,
    body,
    motion: { vx: 0, vy: 0, ax: r * between(rng, 0.2, 0.5) * sign(rng), ay: r * between(rng, 0.15, 0.35), hz: between(rng, 0.08, 0.18), phase: between(rng, 0, TAU) },
  };
}

export function stars(ctx: Ctx, horizon: number): Sprite {
  const { rng, palette, W, H } = ctx;
  const count = Math.min(420, Math.round((W * H * horizon) / 2600));
  const unit = Math.min(W, H) / 900;
  const fill = hex(palette.light);
  const dots: string[] = [];
  for (let i = 0; i < count; i++) {
    const y = H * horizon * rng() ** 1.4;
    const r = Math.max(0.5, unit * between(rng, 0.5, 1.8) * (rng() < 0.06 ? 1.8 : 1));
    dots.push(`<circle cx="${num(rng() * W)}" cy="${num(y)}" r="${num(r)}" fill-opacity="${num(between(rng, 0.25, 0.95))}"/>`);
  }
  return { width: W, height: H, x: 0, y: 0, defs: "", body: `<g fill="${fill}">${dots.join("")}</g>`, motion: STILL };
}

export function celestial(ctx: Ctx, cx: number, cy: number): Sprite {
  const { rng, palette, look, H } = ctx;
  const id = uid(ctx);
  const night = look.mood === "night";
  const r = H * between(rng, night ? 0.04 : 0.05, night ? 0.065 : 0.085);
  const size = Math.ceil(r * 5);
  const c = size / 2;
  const disk = night ? fit(0.95, 0.02, 95) : look.mood === "dusk" ? fit(0.93, 0.1, 85) : mix(palette.light, fit(0.97, 0.06, 95), 0.5);
  const defs = `<radialGradient id="${id}g"><stop offset="0.2" stop-color="${hex(disk)}" stop-opacity="${night ? 0.3 : 0.55}"/><stop offset="1" stop-color="${hex(disk)}" stop-opacity="0"/></radialGradient>`;
  const craters = night
    ? Array.from({ length: 5 }, () => {
        const a = between(rng, 0, TAU);
        const d = r * between(rng, 0, 0.6);
        return `<circle cx="${num(c + d * Math.cos(a))}" cy="${num(c + d * Math.sin(a))}" r="${num(r * between(rng, 0.08, 0.22))}" fill="${hex(palette.ink)}" fill-opacity="0.1"/>`;
      }).join("")
    : "";
  const body = `<circle cx="${num(c)}" cy="${num(c)}" r="${num(c)}" fill="url(#${id}g)"/><circle cx="${num(c)}" cy="${num(c)}" r="${num(r)}" fill="${hex(disk)}"/>${craters}`;
  // A dusk sun sinks, a day sun climbs, the moon holds still.
  const vy = look.mood === "dusk" ? H * 0.012 : night ? 0 : -H * 0.006;
  return { width: size, height: size, x: cx - c, y: cy - c, defs, body, motion: { ...STILL, vy } };
}

/** The sun's path on the water: short bright strokes that widen toward the viewer. */
export function glitter(ctx: Ctx, sunX: number, horizonY: number): Sprite {
  const { rng, palette, look, W, H } = ctx;
  const below = H - horizonY;
  const strokes: string[] = [];
  for (let i = intBetween(rng, 45, 70); i > 0; i--) {
    const d = rng() ** 1.4;
    const y = horizonY + below * (0.02 + 0.95 * d);
    const x = sunX + (rng() + rng() - 1) * W * (0.02 + 0.1 * d);
    const len = W * between(rng, 0.01, 0.035) * (0.4 + d);
    strokes.push(`<path d="M${num(x - len / 2)},${num(y)}h${num(len)}" stroke-opacity="${num(between(rng, 0.2, look.mood === "night" ? 0.45 : 0.75))}"/>`);
  }
  const width = num(Math.max(1, H / 450));
  return {
    width: W,
    height: H,
    x: 0,
    y: 0,
    defs: "",
    body: `<g stroke="${hex(palette.light)}" stroke-width="${width}" stroke-linecap="round">${strokes.join("")}</g>`,
    motion: { ...STILL, ax: W * 0.004, hz: 0.35 },
  };
}
