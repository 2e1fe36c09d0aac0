import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderImage } from "./image";
import { MediaInputError } from "@/lib/system-tools";

async function raw(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference per channel, 0..255. */
async function meanDiff(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([raw(a), raw(b)]);
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let sum = 0;
  for (let i = 0; i < x.data.length; i++) sum += Math.abs(x.data[i]! - y.data[i]!);
  return sum / x.data.length;
}

async function meanRgb(png: Buffer): Promise<[number, number, number]> {
  const { channels } = await sharp(png).stats();
  return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean];
}

const base = { prompt: "misty mountains at dawn", width: 320, height: 240, seed: 7 };

describe("renderImage", () => {
  it.each([
    [1024, 768],
    [577, 333],
    [64, 64],
    [240, 960],
  ])("returns a PNG of exactly %i×%i", async (width, height) => {
    const png = await renderImage({ ...base, width, height });
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe("png");
    expect([meta.width, meta.height]).toEqual([width, height]);
  });

  it("is deterministic: same inputs give identical bytes", async () => {
    const [a, b] = await Promise.all([renderImage(base), renderImage(base)]);
    expect(a.equals(b)).toBe(true);
    const [c, d] = await Promise.all([renderImage({ ...base, prompt: "neon city at night", index: 2 }), renderImage({ ...base, prompt: "neon city at night", index: 2 })]);
    expect(c.equals(d)).toBe(true);
  });

  it("changes visibly with the seed, the prompt and the index", async () => {
    const ref = await renderImage(base);
    expect(await meanDiff(ref, await renderImage({ ...base, seed: 8 }))).toBeGreaterThan(6);
    expect(await meanDiff(ref, await renderImage({ ...base, prompt: "a bowl of ramen" }))).toBeGreaterThan(6);
    expect(await meanDiff(ref, await renderImage({ ...base, index: 1 }))).toBeGreaterThan(6);
  });

  it("is not noise: neighbouring pixels are mostly similar", async () => {
    const { data, width } = await raw(await renderImage({ ...base, prompt: "silk gradient" }));
    let jump = 0;
    for (let i = 3; i < data.length; i++) if (i % (width * 3) >= 3) jump += Math.abs(data[i]! - data[i - 3]!);
    expect(jump / data.length).toBeLessThan(4);
  });

  it("takes its colours from the prompt's colour words", async () => {
    for (const seed of [1, 2, 3]) {
      const [r1, , b1] = await meanRgb(await renderImage({ ...base, seed, prompt: "red fire and flames" }));
      expect(r1).toBeGreaterThan(b1 + 20);
      const [r2, , b2] = await meanRgb(await renderImage({ ...base, seed, prompt: "a deep blue ocean" }));
      expect(b2).toBeGreaterThan(r2 + 20);
    }
  });

  it("blends a source image by strength (image-to-image)", async () => {
    // A source of another size and aspect: it is covered to the requested size.
    const source = await sharp({ create: { width: 500, height: 200, channels: 3, background: "#20a040" } }).png().toBuffer();
    const art = await renderImage(base);
    const flat = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#20a040" } }).png().toBuffer();

    const keep = await renderImage({ ...base, source: { data: source, strength: 0 } });
    expect(await meanDiff(keep, flat)).toBeLessThan(0.5);

    const light = await renderImage({ ...base, source: { data: source, strength: 0.2 } });
    const meta = await sharp(light).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    const toSource = await meanDiff(light, flat);
    const toArt = await meanDiff(light, art);
    expect(toSource).toBeLessThan(toArt);
    expect(toSource).toBeGreaterThan(1);

    const full = await renderImage({ ...base, source: { data: source, strength: 1 } });
    expect(await meanDiff(full, art)).toBeLessThan(0.5);
  });

  it("rejects an unreadable source and impossible sizes with MediaInputError", async () => {
    await expect(renderImage({ ...base, source: { data: Buffer.from("not an image"), strength: 0.5 } })).rejects.toBeInstanceOf(MediaInputError);
    await expect(renderImage({ ...base, width: 0 })).rejects.toBeInstanceOf(MediaInputError);
    await expect(renderImage({ ...base, height: 10.5 })).rejects.toBeInstanceOf(MediaInputError);
  });
});
