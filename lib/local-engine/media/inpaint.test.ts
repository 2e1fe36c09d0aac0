import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { renderImage } from "./image";
import { inpaint } from "./inpaint";
import { MediaInputError } from "@/lib/system-tools";

const W = 320;
const H = 240;
// The region to repaint.
const RECT = { left: 100, top: 60, width: 120, height: 100 };

const inRect = (x: number, y: number, grow = 0) =>
  x >= RECT.left - grow && x < RECT.left + RECT.width + grow && y >= RECT.top - grow && y < RECT.top + RECT.height + grow;

async function rectMask(width: number, height: number, scale = 1): Promise<Buffer> {
  const r = { x: RECT.left * scale, y: RECT.top * scale, w: RECT.width * scale, h: RECT.height * scale };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" fill="#fff"/></svg>`;
  return sharp({ create: { width, height, channels: 3, background: "#000" } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}

async function rgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, hasAlpha: (await sharp(png).metadata()).hasAlpha };
}

/** Compares two same-size images pixel by pixel, split by inside/outside the (grown/shrunk) rectangle. */
async function compare(before: Buffer, after: Buffer, margin = 0) {
  const a = await rgba(before);
  const b = await rgba(after);
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let outsideDiffering = 0;
  let inside = 0;
  let insideChanged = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const o = (y * a.width + x) * 4;
      const diff = [0, 1, 2, 3].reduce((s, c) => s + Math.abs(a.data[o + c]! - b.data[o + c]!), 0);
      if (!inRect(x, y, margin)) {
        if (diff !== 0) outsideDiffering++;
      } else if (inRect(x, y, -margin)) {
        inside++;
        if (diff > 30) insideChanged++;
      }
    }
  }
  return { outsideDiffering, insideChangedShare: insideChanged / inside };
}

describe("inpaint", () => {
  let photo: Buffer;
  let mask: Buffer;
  beforeAll(async () => {
    photo = await renderImage({ prompt: "golden desert dunes", width: W, height: H, seed: 3 });
    mask = await rectMask(W, H);
  });

  it("keeps black-masked pixels byte-identical and repaints the white area", async () => {
    const out = await inpaint({ image: photo, mask, prompt: "a glowing blue orb", seed: 1 });
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe("png");
    expect([meta.width, meta.height]).toEqual([W, H]);
    const { outsideDiffering, insideChangedShare } = await compare(photo, out);
    expect(outsideDiffering).toBe(0);
    expect(insideChangedShare).toBeGreaterThan(0.9);
  });

  it("works from a JPEG with a mask of another size", async () => {
    const jpeg = await sharp(photo).jpeg({ quality: 90 }).toBuffer();
    const small = await rectMask(W / 2, H / 2, 0.5);
    const out = await inpaint({ image: jpeg, mask: small, prompt: "ocean waves", seed: 2 });
    // Reference: the JPEG as decoded, since that is what "unchanged" means for a lossy input.
    const decoded = await sharp(jpeg).png().toBuffer();
    const { outsideDiffering, insideChangedShare } = await compare(decoded, out, 2);
    expect(outsideDiffering).toBe(0);
    expect(insideChangedShare).toBeGreaterThan(0.9);
  });

  it("keeps the input's alpha channel and its transparent pixels outside the mask", async () => {
    const transparent = await sharp(photo)
      .ensureAlpha()
      .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="60" height="${H}" fill="#000"/></svg>`), blend: "dest-out" }])
      .png()
      .toBuffer();
    const out = await inpaint({ image: transparent, mask, prompt: "a glowing blue orb", seed: 1 });
    const result = await rgba(out);
    expect(result.hasAlpha).toBe(true);
    expect(result.data[3]).toBe(0); // top-left stays transparent
    const { outsideDiffering, insideChangedShare } = await compare(transparent, out);
    expect(outsideDiffering).toBe(0);
    expect(insideChangedShare).toBeGreaterThan(0.9);
  });

  it("is deterministic, and the seed changes the fill", async () => {
    const opts = { image: photo, mask, prompt: "a glowing blue orb", seed: 5 };
    const [a, b, c] = await Promise.all([inpaint(opts), inpaint(opts), inpaint({ ...opts, seed: 6 })]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it("changes nothing with strength 0 or an all-black mask", async () => {
    const black = await sharp({ create: { width: W, height: H, channels: 3, background: "#000" } }).png().toBuffer();
    for (const out of [
      await inpaint({ image: photo, mask, prompt: "x", seed: 1, strength: 0 }),
      await inpaint({ image: photo, mask: black, prompt: "x", seed: 1 }),
    ]) {
      expect((await compare(photo, out)).outsideDiffering).toBe(0);
      expect((await compare(photo, out)).insideChangedShare).toBe(0);
    }
  });

  it("rejects unreadable images and masks with MediaInputError", async () => {
    const junk = Buffer.from("definitely not a picture");
    await expect(inpaint({ image: junk, mask, prompt: "x", seed: 1 })).rejects.toBeInstanceOf(MediaInputError);
    await expect(inpaint({ image: photo, mask: junk, prompt: "x", seed: 1 })).rejects.toBeInstanceOf(MediaInputError);
  });
});
