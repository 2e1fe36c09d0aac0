import "server-only";
import sharp from "sharp";
import { between, hashSeed, intBetween, mulberry32, pick, sign, type Rng } from "./random";
import { MediaInputError } from "@/lib/system-tools";

/*
 * The local engine's "model": procedural art driven by the prompt and seed.
 *
 * A scene is a smooth colour field (a gradient plus soft coloured blobs, mixed in OKLab and
 * domain-warped) with crisp vector sprites on top (hills, trees, skylines, sun, orbs, silk lines).
 * The field is smooth, so it is computed at low resolution and upscaled; sprites are SVG and
 * drawn at full size. Both are functions of time, which is how video.ts animates the same scene.
 */

// ---------------------------------------------------------------- colour

/** OKLab [L, a, b]: averaging here keeps blends vivid where sRGB averages go muddy. */
export type Lab = readonly [number, number, number];

function oklch(L: number, C: number, hueDeg: number): Lab {
  const h = (hueDeg * Math.PI) / 180;
  return [L, C * Math.cos(h), C * Math.sin(h)];
}

function labToLinear(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

// Linear light → 8-bit sRGB; a table because the field converts every pixel of every frame.
const LUT_SIZE = 4096;
const SRGB_LUT = (() => {
  const lut = new Uint8Array(LUT_SIZE + 1);
  for (let i = 0; i <= LUT_SIZE; i++) {
    const x = i / LUT_SIZE;
    const v = x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
    lut[i] = Math.round(v * 255);
  }
  return lut;
})();

function encode(x: number): number {
  return SRGB_LUT[x <= 0 ? 0 : x >= 1 ? LUT_SIZE : Math.round(x * LUT_SIZE)]!;
}

/** The colour at lightness L and hue, with chroma reduced until it fits in sRGB. */
function fit(L: number, C: number, hueDeg: number): Lab {
  let c = C;
  for (;;) {
    const lab = oklch(L, c, hueDeg);
    if (c < 0.004 || labToLinear(...lab).every((v) => v >= 0 && v <= 1)) return lab;
    c *= 0.9;
  }
}

function mix(x: Lab, y: Lab, t: number): Lab {
  return [x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t];
}

function hex(lab: Lab): string {
  return `#${labToLinear(...lab)
    .map((v) => encode(v).toString(16).padStart(2, "0"))
    .join("")}`;
}

// ---------------------------------------------------------------- reading the prompt

type Mood = "day" | "dusk" | "night" | "vivid";
type Kind = "mesh" | "orbs" | "landscape";
type Terrain = "hills" | "peaks" | "waves" | "trees" | "city";

/** Words that steer the look. `land` themes colour the ground of a landscape, the rest its sky. */
type Theme = { words: readonly string[]; hues: readonly number[]; mood?: Mood; kind?: Kind; terrain?: Terrain; land?: true; muted?: true };

// Hues are OKLCH angles: red ≈ 25, orange ≈ 55, yellow ≈ 100, green ≈ 145, cyan ≈ 195, blue ≈ 255, purple ≈ 305.
const THEMES: readonly Theme[] = [
  { words: ["sunset", "sunrise", "dusk", "dawn", "evening", "twilight"], hues: [60, 30, 0, 310], mood: "dusk", kind: "landscape" },
  { words: ["night", "midnight", "moon", "moonlight", "moonlit", "star", "starry", "space", "galaxy", "cosmos", "nebula", "dark"], hues: [275, 295, 250], mood: "night" },
  { words: ["ocean", "sea", "beach", "wave", "water", "lake", "river", "coast", "bay", "surf"], hues: [235, 215, 190], kind: "landscape", terrain: "waves", land: true },
  { words: ["forest", "tree", "woods", "jungle", "pine", "nature", "garden", "leaf", "leaves", "moss", "fox", "deer"], hues: [150, 130, 110], kind: "landscape", terrain: "trees", land: true },
  { words: ["mountain", "peak", "alps", "canyon", "cliff", "volcano"], hues: [265, 245, 285], kind: "landscape", terrain: "peaks", land: true },
  { words: ["landscape", "valley", "hill", "meadow", "field", "countryside", "scenery"], hues: [140, 115, 95], kind: "landscape", terrain: "hills", land: true },
  { words: ["city", "skyline", "street", "urban", "cyberpunk", "building", "tower", "downtown", "tokyo"], hues: [290, 260, 320], kind: "landscape", terrain: "city", land: true },
  { words: ["neon", "synthwave", "vaporwave", "retro"], hues: [340, 205, 295], mood: "vivid" },
  { words: ["desert", "sand", "dune", "sahara"], hues: [75, 60, 50], kind: "landscape", terrain: "hills", land: true },
  { words: ["gold", "golden", "sun", "sunny", "honey", "amber", "warm", "autumn", "summer"], hues: [85, 70, 50], mood: "day" },
  { words: ["red", "fire", "flame", "lava", "crimson", "rose", "ruby", "cherry"], hues: [25, 15, 40], mood: "vivid" },
  { words: ["orange", "peach", "tangerine", "copper"], hues: [55, 45, 70] },
  { words: ["yellow", "lemon", "sunflower"], hues: [100, 90, 80] },
  { words: ["green", "emerald", "mint", "lime", "jade"], hues: [150, 135, 165] },
  { words: ["blue", "sky", "azure", "cobalt", "sapphire", "navy"], hues: [255, 240, 225] },
  { words: ["teal", "cyan", "turquoise", "aqua"], hues: [195, 185, 205] },
  { words: ["purple", "violet", "lavender", "lilac", "magenta", "plum", "amethyst"], hues: [305, 290, 320] },
  { words: ["pink", "blossom", "sakura", "flamingo", "candy"], hues: [355, 5, 340] },
  { words: ["snow", "ice", "winter", "frost", "frozen", "arctic", "glacier", "cold"], hues: [235, 215, 250], mood: "day", muted: true },
  { words: ["white", "pastel", "cloud", "soft", "minimal", "calm"], hues: [250, 300, 200], mood: "day", muted: true },
  { words: ["abstract", "sphere", "orb", "bubble", "planet", "ball", "marble", "geometric", "3d"], hues: [], kind: "orbs" },
  { words: ["silk", "flow", "fabric", "smoke", "aurora", "gradient", "wallpaper", "swirl"], hues: [], kind: "mesh" },
];

/** Sky hues for landscapes without colour words, per mood, in the order makePalette reads them. */
const NATURAL_SKIES: Record<Mood, readonly number[]> = {
  day: [250, 232, 215],
  dusk: [60, 30, 0, 310],
  night: [275, 290, 250],
  vivid: [265, 245, 60],
};

type Look = { skyHues: number[]; landHues: number[]; mood: Mood; kind: Kind; terrain: Terrain; muted: boolean };

function themesIn(prompt: string): Theme[] {
  const words = prompt.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const found: Theme[] = [];
  for (const word of words) {
    const singular = word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
    const theme = THEMES.find((t) => t.words.includes(word) || t.words.includes(singular));
    if (theme && !found.includes(theme)) found.push(theme);
  }
  return found;
}

/** Reads hues, mood and composition from the prompt; the seed only decides what words leave open. */
function readLook(prompt: string, rng: Rng): Look {
  const themes = themesIn(prompt);
  const skyHues = themes.filter((t) => !t.land).flatMap((t) => t.hues);
  const landHues = themes.filter((t) => t.land).flatMap((t) => t.hues);
  const kind = themes.find((t) => t.kind)?.kind ?? pick(rng, ["mesh", "mesh", "orbs", "landscape"] as const);
  const promptHash = hashSeed("look", prompt.trim().toLowerCase());
  // Time of day outranks colour words: "a red barn at night" is a night scene with red in it.
  const mood =
    themes.find((t) => t.mood === "night" || t.mood === "dusk")?.mood ??
    themes.find((t) => t.mood)?.mood ??
    (["vivid", "day", "dusk", "vivid"] as const)[promptHash % 4]!;
  if (skyHues.length === 0 && kind === "landscape") {
    // A landscape without colour words gets a sky that could be real.
    skyHues.push(...NATURAL_SKIES[mood]);
  } else if (skyHues.length === 0) {
    // No colour words: the prompt's own hash picks a hue and the seed a harmony around it.
    const base = (promptHash >>> 2) % 360;
    const offsets = pick(rng, [
      [0, 35, -35],
      [0, 150, 210],
      [0, 120, 240],
      [0, 25, 180],
    ]);
    skyHues.push(...offsets.map((o) => (base + o + 360) % 360));
  }
  const terrain = themes.find((t) => t.terrain)?.terrain ?? pick(rng, ["hills", "peaks", "hills", "trees"] as const);
  return { skyHues, landHues, mood, kind, terrain, muted: themes.some((t) => t.muted) };
}

type Palette = { top: Lab; middle: Lab; bottom: Lab; blobs: Lab[]; light: Lab; ink: Lab; land: Lab; mesh: Lab[] };

// Lightness ladders for mesh blobs: alternating dark and light is what gives a mesh gradient depth.
const MESH_LADDER: Record<Mood, readonly number[]> = {
  night: [0.22, 0.55, 0.3, 0.65, 0.4, 0.25],
  dusk: [0.4, 0.82, 0.55, 0.9, 0.35, 0.7],
  day: [0.62, 0.93, 0.75, 0.97, 0.55, 0.85],
  vivid: [0.35, 0.8, 0.5, 0.9, 0.3, 0.68],
};

function makePalette(look: Look, rng: Rng): Palette {
  // Seeds shift hues a little so two seeds of one prompt differ in colour as well as layout.
  const hues = look.skyHues.map((h) => h + between(rng, -12, 12));
  const hue = (i: number) => hues[i % hues.length]!;
  const k = look.muted ? 0.45 : 1;
  const landHue = (look.landHues[0] ?? hue(0) + 20) + between(rng, -8, 8);
  const blob = (i: number, L0: number, L1: number, C: number) => fit(between(rng, L0, L1), C * k, hue(i));
  const blobs = (L0: number, L1: number, C: number) => [0, 1, 2, 3, 4].map((i) => blob(i, L0, L1, C));
  const mesh = MESH_LADDER[look.mood].map((L, i) => fit(L + between(rng, -0.04, 0.04), (look.mood === "day" ? 0.13 : 0.19) * k, hue(i)));

  switch (look.mood) {
    case "night":
      return {
        top: fit(0.15, 0.05 * k, hue(0)),
        middle: fit(0.23, 0.08 * k, hue(1)),
        bottom: fit(0.34, 0.09 * k, hue(2)),
        blobs: blobs(0.36, 0.56, 0.14),
        light: fit(0.96, 0.03, hue(0) - 120),
        ink: fit(0.09, 0.03, landHue),
        land: fit(0.2, 0.06 * k, landHue),
        mesh,
      };
    case "dusk":
      return {
        top: fit(0.34, 0.11 * k, hue(hues.length - 1)),
        middle: fit(0.6, 0.15 * k, hue(2)),
        bottom: fit(0.84, 0.13 * k, hue(0)),
        blobs: blobs(0.6, 0.8, 0.17),
        light: fit(0.96, 0.07, 90),
        ink: fit(0.17, 0.05, hue(hues.length - 1)),
        land: fit(0.32, 0.08 * k, landHue),
        mesh,
      };
    case "day":
      return {
        top: fit(0.7, 0.1 * k, hue(0)),
        middle: fit(0.84, 0.07 * k, hue(1)),
        bottom: fit(0.95, 0.035 * k, hue(2)),
        blobs: blobs(0.72, 0.9, 0.12),
        light: fit(0.99, 0.02, hue(0)),
        ink: fit(0.32, 0.07 * k, landHue),
        land: fit(0.55, 0.11 * k, landHue),
        mesh,
      };
    case "vivid":
      return {
        top: fit(0.28, 0.12 * k, hue(0)),
        middle: fit(0.45, 0.16 * k, hue(1)),
        bottom: fit(0.62, 0.15 * k, hue(2)),
        blobs: blobs(0.55, 0.86, 0.19),
        light: fit(0.97, 0.04, hue(1)),
        ink: fit(0.16, 0.06, landHue),
        land: fit(0.38, 0.12 * k, landHue),
        mesh,
      };
  }
}

// ---------------------------------------------------------------- scene model

/** Position over time: drift plus a gentle sway, the same formula for stills (t = 0) and video. */
export type Motion = { vx: number; vy: number; ax: number; ay: number; hz: number; phase: number };

const TAU = 2 * Math.PI;
const STILL: Motion = { vx: 0, vy: 0, ax: 0, ay: 0, hz: 0, phase: 0 };

export function offsetAt(m: Motion, t: number): { dx: number; dy: number } {
  const s = Math.sin(TAU * m.hz * t + m.phase);
  return { dx: m.vx * t + m.ax * s, dy: m.vy * t + m.ay * s };
}

/** A soft coloured ellipse of the field, in units of the frame height. */
type Blob = { x: number; y: number; rx: number; ry: number; color: Lab; weight: number; motion: Motion };

/** A vector layer in pixels: `body` is SVG drawn in a width×height box placed at (x, y). */
export type Sprite = { width: number; height: number; x: number; y: number; defs: string; body: string; motion: Motion };

type Stop = { at: number; color: Lab };

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

type Ctx = { rng: Rng; look: Look; palette: Palette; W: number; H: number; D: number; ids: number };

const uid = (ctx: Ctx) => `s${ctx.ids++}`;
const num = (v: number) => (Math.round(v * 100) / 100).toString();

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

// ---------------------------------------------------------------- sprites

/** Layers that drift sideways are drawn wider, so they still cover the frame at the end of a clip. */
function panLayer(ctx: Ctx, vx: number): { x: number; width: number; motion: Motion } {
  const travel = Math.ceil(Math.abs(vx) * ctx.D) + 2;
  return { x: vx > 0 ? -travel : 0, width: ctx.W + travel, motion: { ...STILL, vx } };
}

function pathFrom(points: [number, number][], close?: { bottom: number }): string {
  const parts = points.map(([x, y], i) => `${i ? "L" : "M"}${num(x)},${num(y)}`);
  if (close && points.length) {
    const last = points[points.length - 1]!;
    const first = points[0]!;
    parts.push(`L${num(last[0])},${num(close.bottom)}L${num(first[0])},${num(close.bottom)}Z`);
  }
  return parts.join("");
}

function silkLines(ctx: Ctx): Sprite {
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

function orbSprite(ctx: Ctx, r: number, color: Lab, cx: number, cy: number): Sprite {
  const { rng, palette, W, H } = ctx;
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

function stars(ctx: Ctx, horizon: number): Sprite {
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

function celestial(ctx: Ctx, cx: number, cy: number): Sprite {
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
function glitter(ctx: Ctx, sunX: number, horizonY: number): Sprite {
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

function terrain(ctx: Ctx, horizonY: number): Sprite[] {
  const { rng, look, palette, W, H } = ctx;
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

// ---------------------------------------------------------------- rasterising

/**
 * The scene's smooth field at time t, as raw RGB of fw×fh covering the whole frame.
 * Video renders this for every frame, so the loop avoids allocations and hoists what it can.
 */
export function renderField(scene: Scene, fw: number, fh: number, t = 0): Buffer {
  const out = Buffer.alloc(fw * fh * 3);
  const aspect = scene.width / scene.height;
  const { warp, groundWeight: gw, vignette } = scene;

  const nb = scene.blobs.length;
  const [bx, by, birx, biry, bw, bL, bA, bB] = Array.from({ length: 8 }, () => new Float64Array(nb));
  scene.blobs.forEach((b, k) => {
    const { dx, dy } = offsetAt(b.motion, t);
    bx![k] = b.x + dx;
    by![k] = b.y + dy;
    birx![k] = 1 / (b.rx * b.rx);
    biry![k] = 1 / (b.ry * b.ry);
    bw![k] = b.weight;
    [bL![k], bA![k], bB![k]] = b.color;
  });

  const stops = scene.gradient.stops;
  const ns = stops.length;
  const [sAt, sL, sA, sB] = Array.from({ length: 4 }, () => new Float64Array(ns));
  stops.forEach((st, k) => {
    sAt![k] = st.at;
    [sL![k], sA![k], sB![k]] = st.color;
  });

  const angle = (scene.gradient.angle * Math.PI) / 180;
  const gx = Math.cos(angle);
  const gy = Math.sin(angle);
  // Half the frame's extent along the gradient direction, so the gradient spans it exactly.
  const extent = Math.abs(gx) * aspect + Math.abs(gy);
  const vigNorm = vignette / (aspect * aspect * 0.25 + 0.25);

  // The warp shifts u by a function of the row and v by a function of the column: tabulate both.
  const colU = new Float64Array(fw);
  const colShift = new Float64Array(fw);
  for (let i = 0; i < fw; i++) {
    colU[i] = ((i + 0.5) / fw) * aspect;
    colShift[i] = warp.amp * Math.sin(colU[i]! * warp.f2 + warp.p2 - t * warp.speed * 0.8);
  }

  let o = 0;
  for (let j = 0; j < fh; j++) {
    const v = (j + 0.5) / fh;
    const rowShift = warp.amp * Math.sin(v * warp.f1 + warp.p1 + t * warp.speed);
    const dv = v - 0.5;
    for (let i = 0; i < fw; i++) {
      const u = colU[i]!;
      const wu = u + rowShift;
      const wv = v + colShift[i]!;

      // Gradient: smoothstep between the surrounding stops.
      const s = ((wu - aspect / 2) * gx + (wv - 0.5) * gy) / extent + 0.5;
      let k = 1;
      while (k < ns - 1 && s > sAt![k]!) k++;
      let f = (s - sAt![k - 1]!) / (sAt![k]! - sAt![k - 1]! || 1);
      f = f <= 0 ? 0 : f >= 1 ? 1 : f * f * (3 - 2 * f);
      let L = (sL![k - 1]! + (sL![k]! - sL![k - 1]!) * f) * gw;
      let A = (sA![k - 1]! + (sA![k]! - sA![k - 1]!) * f) * gw;
      let B = (sB![k - 1]! + (sB![k]! - sB![k - 1]!) * f) * gw;
      let sum = gw;

      for (let b = 0; b < nb; b++) {
        const dx = wu - bx![b]!;
        const dy = wv - by![b]!;
        // (1 + q/4)^-4: a bell like exp(-q) with a softer tail, at a fraction of exp's cost.
        const x = 1 + 0.25 * (dx * dx * birx![b]! + dy * dy * biry![b]!);
        const x2 = x * x;
        const w = bw![b]! / (x2 * x2);
        L += bL![b]! * w;
        A += bA![b]! * w;
        B += bB![b]! * w;
        sum += w;
      }

      const du = u - aspect / 2;
      const Lf = (L / sum) * (1 - vigNorm * (du * du + dv * dv));
      const af = A / sum;
      const bf = B / sum;
      // OKLab → linear sRGB (inlined labToLinear).
      const l1 = Lf + 0.3963377774 * af + 0.2158037573 * bf;
      const m1 = Lf - 0.1055613458 * af - 0.0638541728 * bf;
      const s1 = Lf - 0.0894841775 * af - 1.291485548 * bf;
      const l3 = l1 * l1 * l1;
      const m3 = m1 * m1 * m1;
      const s3 = s1 * s1 * s1;
      out[o++] = encode(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3);
      out[o++] = encode(-1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3);
      out[o++] = encode(-0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3);
    }
  }
  return out;
}

/** Field resolution: the field is smooth, so ~320 px on the long side upscales without visible loss. */
export function fieldSize(width: number, height: number, longSide = 320): { fw: number; fh: number } {
  const k = Math.min(1, longSide / Math.max(width, height));
  return { fw: Math.max(2, Math.round(width * k)), fh: Math.max(2, Math.round(height * k)) };
}

/** One sprite as a standalone SVG document of its own size (video overlays). */
export function spriteSvg(s: Sprite): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}"><defs>${s.defs}</defs>${s.body}</svg>`;
}

/** All sprites placed at time t in one frame-sized SVG (stills). */
function overlaySvg(scene: Scene, t: number): string {
  const groups = scene.sprites.map((s) => {
    const { dx, dy } = offsetAt(s.motion, t);
    return `<g transform="translate(${num(s.x + dx)} ${num(s.y + dy)})">${s.body}</g>`;
  });
  const defs = scene.sprites.map((s) => s.defs).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}"><defs>${defs}</defs>${groups.join("")}</svg>`;
}

/** The scene at time t as raw RGB, width×height. */
export async function renderSceneRaw(scene: Scene, t = 0): Promise<Buffer> {
  const { fw, fh } = fieldSize(scene.width, scene.height);
  const field = renderField(scene, fw, fh, t);
  let img = sharp(field, { raw: { width: fw, height: fh, channels: 3 } }).resize(scene.width, scene.height, { fit: "fill", kernel: "cubic" });
  if (scene.sprites.length) img = img.composite([{ input: Buffer.from(overlaySvg(scene, t)), top: 0, left: 0 }]);
  return img.removeAlpha().raw().toBuffer();
}

// ---------------------------------------------------------------- public API

export type RenderImageOptions = {
  prompt: string;
  width: number;
  height: number;
  seed: number;
  index?: number;
  /** Image-to-image: strength 0 keeps the source, 1 replaces it with the procedural art. */
  source?: { data: Buffer; strength: number };
};

const MAX_SIDE = 8192;

export function checkSize(width: number, height: number, what = "Image"): void {
  for (const [name, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_SIDE) {
      throw new MediaInputError(`${what} ${name} must be a whole number from 1 to ${MAX_SIDE}, got ${v}.`);
    }
  }
}

/** A PNG of exactly width×height; identical inputs give identical bytes. */
export async function renderImage(opts: RenderImageOptions): Promise<Buffer> {
  const { width, height } = opts;
  checkSize(width, height);
  const art = await renderSceneRaw(buildScene(opts));
  const rgb = opts.source ? blend(await coverRaw(opts.source.data, width, height), art, opts.source.strength) : art;
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Decodes any image sharp reads, upright, scaled and cropped to cover width×height, as raw RGB. */
export async function coverRaw(data: Buffer, width: number, height: number, what = "source image"): Promise<Buffer> {
  try {
    return await sharp(data)
      .autoOrient()
      .resize(width, height, { fit: "cover", position: "centre" })
      .flatten({ background: "#ffffff" })
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (err) {
    throw new MediaInputError(`Could not read the ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function blend(source: Buffer, art: Buffer, strength: number): Buffer {
  const s = Math.min(1, Math.max(0, Number.isFinite(strength) ? strength : 1));
  const out = Buffer.alloc(source.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(source[i]! + (art[i]! - source[i]!) * s);
  return out;
}
