import "server-only";

/** A seeded source of floats in [0, 1). */
export type Rng = () => number;

/**
 * 32-bit hash of the parts: FNV-1a over the joined text, then a murmur3 finaliser so that
 * inputs differing only in their last character (seed 1 vs 2) still land far apart.
 */
export function hashSeed(...parts: (string | number)[]): number {
  // U+001F keeps ("ab", "c") and ("a", "bc") apart.
  const text = parts.map(String).join("\u001f");
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Small, fast, well-distributed PRNG; the same seed always yields the same sequence. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform float in [min, max). */
export function between(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Uniform integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return Math.floor(between(rng, min, max + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError("pick() needs a non-empty list");
  return item;
}

/** -1 or 1. */
export function sign(rng: Rng): number {
  return rng() < 0.5 ? -1 : 1;
}
