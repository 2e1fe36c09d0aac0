import "server-only";
import { fit, hex, mix, type Lab } from "./color";
import { between, hashSeed, intBetween, mulberry32, sign, type Rng } from "./random";
import { TAU, type Ctx, type Sprite } from "./scene";
import { panLayer } from "./sprites";
import { num, pathFrom, uid } from "./svg";

type Ridge = (x: number) => number;

function ridgeFn(rng: Rng, W: number, baseY: number, amp: number, sharp: boolean): Ridge {
  const f = TAU / (W * between(rng, 0.5, 1.3));
  const octaves = [1, between(rng, 2.1, 2.7), between(rng, 4.5, 6)].map((m, i) => ({ f: f * m, p: between(rng, 0, TAU), w: [1, 0.45, 0.18][i]! }));
  const norm = octaves.reduce((s, o) => s + o.w, 0);
  return (x) => {
    let v = 0;
    for (const o of octaves) {
      const s = Math.sin(x * o.f + o.p);
      v += o.w * (sharp ? (1 - Math.abs(s)) ** 1.6 : 0.5 + 0.5 * s);
    }
    return baseY - amp * (v / norm);
  };
}

export function terrain(ctx: Ctx, horizonY: number): Sprite[] {
  const { rng, look, palette, W } = ctx;
  const layers = look.terrain === "city" ? 3 : intBetween(rng, 3, 4);
  const dir = sign(rng);
  const haze = mix(palette.bottom, palette.middle, 0.25);
  const sprites: Sprite[] = [];
  for (let k = 0; k < layers; k++) {
    const depth = (k + 1) / layers;
    const color =
      look.terrain === "waves"
        ? mix(mix(haze, palette.land, 0.45 + 0.55 * depth), palette.ink, 0.35 * depth)
        : mix(haze, k === layers - 1 ? palette.ink : palette.land, depth ** 0.8);
    const layer = panLayer(ctx, dir * W * (0.006 + 0.028 * depth ** 1.6));
    sprites.push(terrainLayer(ctx, k, layers, horizonY, color, layer));
  }
  return sprites;
}

function terrainLayer(ctx: Ctx, k: number, layers: number, horizonY: number, color: Lab, layer: ReturnType<typeof panLayer>): Sprite {
  const { rng, look, palette, W, H } = ctx;
  const id = uid(ctx);
  const depth = k / Math.max(1, layers - 1);
  const below = H - horizonY;
  const kind = look.terrain;
  const step = Math.max(2, W / 300);

  let ridge: Ridge;
  if (kind === "waves") {
    const baseY = horizonY + below * depth ** 1.5 * 0.8;
    const amp = H * (0.004 + 0.03 * depth);
    const f = TAU / (W * between(rng, 0.08, 0.18) * (0.4 + depth));
    const p = between(rng, 0, TAU);
    ridge = (x) => baseY - amp * (0.5 + 0.5 * Math.sin(x * f + p)) - amp * 0.3 * Math.sin(x * f * 2.3 + p * 2);
  } else if (kind === "city") {
    ridge = k === 0 ? ridgeFn(rng, W, horizonY + below * 0.1, H * 0.05, false) : skylineFn(rng, W, horizonY + below * (0.15 + 0.35 * depth), H * (0.22 - 0.08 * depth));
  } else {
    const baseY = horizonY + below * depth * 0.55;
    const sharp = kind === "peaks" && k < layers - 1;
    const amp = H * (sharp ? between(rng, 0.16, 0.3) * (1 - 0.4 * depth) : between(rng, 0.05, 0.11));
    ridge = ridgeFn(rng, W, baseY, amp, sharp);
  }

  const pts: [number, number][] = [];
  for (let x = 0; x <= layer.width + step; x += step) pts.push([x, ridge(x + layer.x)]);
  if (kind === "city") pts.splice(0, pts.length, ...skylinePoints(ridge, layer.width, layer.x));

  const defs = `<linearGradient id="${id}f" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(color)}"/><stop offset="1" stop-color="${hex(mix(color, palette.ink, 0.45))}"/></linearGradient>`;
  const parts = [`<path d="${pathFrom(pts, { bottom: H })}" fill="url(#${id}f)"/>`];
  if (kind === "waves") {
    parts.push(`<path d="${pathFrom(pts)}" fill="none" stroke="${hex(palette.light)}" stroke-opacity="${num(0.15 + 0.25 * depth)}" stroke-width="${num(Math.max(1, H / 400))}"/>`);
  }
  if (kind === "trees" && k > 0) parts.push(trees(ctx, ridge, layer, depth, hex(mix(color, palette.ink, 0.15))));
  if (kind === "city" && k === layers - 1 && look.mood !== "day") parts.push(windows(ctx, ridge, layer));
  return { ...layer, y: 0, height: H, defs, body: parts.join("") };
}

/** Building tops as a step function of x; heights are hashed per building so they are stable along x. */
function skylineFn(rng: Rng, W: number, groundY: number, maxH: number): Ridge {
  const width = W * between(rng, 0.03, 0.06);
  const salt = Math.floor(rng() * 1e9);
  return (x) => {
    const i = Math.floor(x / width);
    const h = mulberry32(hashSeed(salt, i))();
    return groundY - maxH * (0.25 + 0.75 * h * h);
  };
}

function skylinePoints(ridge: Ridge, width: number, offset: number): [number, number][] {
  const pts: [number, number][] = [];
  let prev = ridge(offset);
  pts.push([0, prev]);
  for (let x = 1; x <= width + 1; x++) {
    const y = ridge(x + offset);
    if (y !== prev) {
      pts.push([x, prev], [x, y]);
      prev = y;
    }
  }
  pts.push([width + 1, prev]);
  return pts;
}

function trees(ctx: Ctx, ridge: Ridge, layer: { x: number; width: number }, depth: number, fill: string): string {
  const { rng, W, H } = ctx;
  const polys: string[] = [];
  const clump = TAU / (W * between(rng, 0.3, 0.6));
  const phase = between(rng, 0, TAU);
  for (let x = between(rng, 0, 10); x < layer.width; x += W * between(rng, 0.008, 0.022) * (1.2 - depth * 0.5)) {
    const wx = x + layer.x;
    if (Math.sin(wx * clump + phase) < -0.3) continue; // clearings between groves
    const h = H * between(rng, 0.05, 0.1) * (0.55 + 0.6 * depth);
    const w = h * between(rng, 0.36, 0.46);
    // The lowest tier reaches below the ridge so no sliver of sky shows under the branches.
    const top = ridge(wx) - h * 0.9;
    const p = (dx: number, dy: number) => `${num(x + dx * w)},${num(top + dy * h)}`;
    polys.push(
      `<polygon points="${[p(0, 0), p(0.26, 0.3), p(0.14, 0.3), p(0.38, 0.6), p(0.2, 0.6), p(0.5, 1), p(-0.5, 1), p(-0.2, 0.6), p(-0.38, 0.6), p(-0.14, 0.3), p(-0.26, 0.3)].join(" ")}"/>`,
    );
  }
  return `<g fill="${fill}">${polys.join("")}</g>`;
}

function windows(ctx: Ctx, ridge: Ridge, layer: { x: number; width: number }): string {
  const { rng, H } = ctx;
  const size = Math.max(1.5, H / 160);
  const rects: string[] = [];
  for (let x = size * 2; x < layer.width - size; x += size * 2.6) {
    const top = ridge(x + layer.x) + size * 1.5;
    for (let y = top; y < H - size * 2; y += size * 2.8) {
      if (rng() < 0.72) continue;
      rects.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(size)}" height="${num(size * 1.3)}" fill-opacity="${num(between(rng, 0.35, 0.95))}"/>`);
    }
  }
  return `<g fill="${hex(fit(0.88, 0.12, 85))}">${rects.join("")}</g>`;
}
