import "server-only";
import { fit, type Lab } from "./color";
import { between, hashSeed, pick, type Rng } from "./random";

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

export type Look = { skyHues: number[]; landHues: number[]; mood: Mood; kind: Kind; terrain: Terrain; muted: boolean };

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
export function readLook(prompt: string, rng: Rng): Look {
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

export type Palette = { top: Lab; middle: Lab; bottom: Lab; blobs: Lab[]; light: Lab; ink: Lab; land: Lab; mesh: Lab[] };

// Lightness ladders for mesh blobs: alternating dark and light is what gives a mesh gradient depth.
const MESH_LADDER: Record<Mood, readonly number[]> = {
  night: [0.22, 0.55, 0.3, 0.65, 0.4, 0.25],
  dusk: [0.4, 0.82, 0.55, 0.9, 0.35, 0.7],
  day: [0.62, 0.93, 0.75, 0.97, 0.55, 0.85],
  vivid: [0.35, 0.8, 0.5, 0.9, 0.3, 0.68],
};

export function makePalette(look: Look, rng: Rng): Palette {
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
