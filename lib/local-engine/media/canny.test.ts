import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cannyEdges, cannyMap } from "./canny";

/** A grey picture of `size`² with `draw(x, y)` giving each pixel's value, as PNG. */
async function picture(size: number, draw: (x: number, y: number) => number): Promise<Buffer> {
  const raw = Buffer.alloc(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) raw[y * size + x] = draw(x, y);
  return sharp(raw, { raw: { width: size, height: size, channels: 1 } }).png().toBuffer();
}

const inSquare = (x: number, y: number, from: number, to: number) => x >= from && x < to && y >= from && y < to;
/** Pixels whose distance (Chebyshev) from the square's outline is at most `d`. */
const nearOutline = (x: number, y: number, from: number, to: number, d: number) => {
  const inner = inSquare(x, y, from + d, to - d);
  const outer = inSquare(x, y, from - d, to + d);
  return outer && !inner;
};

describe("Canny edge detector", () => {
  it("finds a square's outline where it is, and nothing inside or outside it", async () => {
    const size = 96;
    const [from, to] = [24, 72];
    const { edges, width, height } = await cannyEdges(await picture(size, (x, y) => (inSquare(x, y, from, to) ? 230 : 20)));
    expect([width, height]).toEqual([size, size]);
    let onOutline = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (!edges[y * size + x]) continue;
        expect(nearOutline(x, y, from, to, 2), `edge at ${x},${y}`).toBe(true);
        onOutline++;
      }
    }
    // Every side is found along its length: thin (about one pixel), unbroken lines.
    for (const [x, y] of [[48, from], [48, to - 1], [from, 48], [to - 1, 48]] as const) {
      const near = [-1, 0, 1].some((d) => edges[(y + (x === 48 ? d : 0)) * size + x + (x === 48 ? 0 : d)]);
      expect(near, `side through ${x},${y}`).toBe(true);
    }
    expect(onOutline).toBeGreaterThan(4 * (to - from) * 0.9);
    expect(onOutline).toBeLessThan(4 * (to - from) * 2.2);
  });

  it("gives a flat picture no edges", async () => {
    const { edges } = await cannyEdges(await picture(64, () => 128));
    expect(edges.some((v) => v > 0)).toBe(false);
  });

  it("keeps a faint edge only when the thresholds are low enough, and swaps thresholds given the wrong way round", async () => {
    const faint = await picture(64, (x) => (x < 32 ? 100 : 118));
    const count = async (opts: { low?: number; high?: number }) => (await cannyEdges(faint, opts)).edges.filter((v) => v > 0).length;
    expect(await count({})).toBe(0); // fal's defaults, 100 and 200
    expect(await count({ low: 10, high: 30 })).toBeGreaterThanOrEqual(64);
    expect(await count({ low: 30, high: 10 })).toBe(await count({ low: 10, high: 30 }));
  });

  it("follows a weak stretch of an edge from a strong one (hysteresis), not a weak edge alone", async () => {
    // Left half: a strong step; right half: the same boundary, weak. Below: a weak edge on its own.
    const img = await picture(64, (x, y) => (y < 32 ? (x < 32 ? (y < 16 ? 0 : 255) : y < 16 ? 100 : 150) : x < 48 ? 100 : 150));
    const { edges } = await cannyEdges(img, { low: 60, high: 400 });
    const row = (y: number, x0: number, x1: number) => Array.from({ length: x1 - x0 }, (_, i) => edges[y * 64 + x0 + i]! || edges[(y - 1) * 64 + x0 + i]! || edges[(y + 1) * 64 + x0 + i]!);
    expect(row(16, 4, 28).every(Boolean)).toBe(true); // strong
    expect(row(16, 36, 60).every(Boolean)).toBe(true); // weak, connected
    const lone = Array.from({ length: 24 }, (_, i) => edges[(36 + i) * 64 + 48] || edges[(36 + i) * 64 + 47]);
    expect(lone.some(Boolean)).toBe(false); // weak, alone
  });

  it("answers a PNG map of the image's size: white edges on black, RGB", async () => {
    const png = await cannyMap(await picture(80, (x, y) => (inSquare(x, y, 20, 60) ? 255 : 0)));
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([80, 80, 3]);
    expect(new Set(data)).toEqual(new Set([0, 255]));
    expect(data[(40 * 80 + 40) * 3]).toBe(0);
  });
});
