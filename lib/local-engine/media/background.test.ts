import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_SUBJECT_MESSAGE, NoSubjectError, removeBackground, replaceBackground } from "./background";
import { MediaInputError } from "@/lib/system-tools";

const W = 320;
const H = 240;
const BACKDROP = [236, 238, 240] as const;

// The subject: a red disc with a hole (backdrop shows through it) and a yellow/navy striped block.
const DISC = { cx: 110, cy: 120, r: 70, hole: 25 };
const BLOCK = { x: 200, y: 60, w: 90, h: 120, stripe: 15 };
const SUBJECT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <path fill-rule="evenodd" fill="#c8281e" d="M ${DISC.cx - DISC.r} ${DISC.cy} a ${DISC.r} ${DISC.r} 0 1 0 ${2 * DISC.r} 0 a ${DISC.r} ${DISC.r} 0 1 0 ${-2 * DISC.r} 0 Z
    M ${DISC.cx - DISC.hole} ${DISC.cy} a ${DISC.hole} ${DISC.hole} 0 1 0 ${2 * DISC.hole} 0 a ${DISC.hole} ${DISC.hole} 0 1 0 ${-2 * DISC.hole} 0 Z"/>
  ${Array.from({ length: BLOCK.h / BLOCK.stripe }, (_, i) => `<rect x="${BLOCK.x}" y="${BLOCK.y + i * BLOCK.stripe}" width="${BLOCK.w}" height="${BLOCK.stripe}" fill="${i % 2 ? "#1e2a5a" : "#f0c419"}"/>`).join("")}
</svg>`;

/** What the cut-out keeps, by the geometry at pixel centres: the disc (hole included) and the block. */
const kept = (x: number, y: number) =>
  Math.hypot(x + 0.5 - DISC.cx, y + 0.5 - DISC.cy) <= DISC.r ||
  (x + 0.5 >= BLOCK.x && x + 0.5 <= BLOCK.x + BLOCK.w && y + 0.5 >= BLOCK.y && y + 0.5 <= BLOCK.y + BLOCK.h);
const inHole = (x: number, y: number) => Math.hypot(x + 0.5 - DISC.cx, y + 0.5 - DISC.cy) < DISC.hole - 3;

type Zone = "subject" | "background" | "edge";
/** Pixels within 3 px of the kept region's outline are "edge"; the rest are plainly one or the other. */
function zones(width: number, height: number, keep: (x: number, y: number) => boolean): Zone[] {
  const inside = Array.from({ length: width * height }, (_, p) => keep(p % width, Math.floor(p / width)));
  return inside.map((k, p) => {
    const x = p % width;
    const y = Math.floor(p / width);
    for (let dy = -3; dy <= 3; dy++)
      for (let dx = -3; dx <= 3; dx++) {
        const qx = x + dx;
        const qy = y + dy;
        if (qx >= 0 && qy >= 0 && qx < width && qy < height && inside[qy * width + qx] !== k) return "edge";
      }
    return k ? "subject" : "background";
  });
}

/** A backdrop of one colour with deterministic noise of ±amp per channel. */
function noisyBackdrop(width: number, height: number, amp: number, colour: (x: number, y: number) => readonly number[] = () => BACKDROP): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let state = 12345;
  const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let p = 0; p < width * height; p++) {
    const c = colour(p % width, Math.floor(p / width));
    for (let k = 0; k < 3; k++) data[p * 3 + k] = Math.max(0, Math.min(255, Math.round(c[k]! + rand() * amp)));
  }
  return data;
}

async function photo(backdrop: Buffer, width = W, height = H, svg = SUBJECT_SVG): Promise<Buffer> {
  return sharp(backdrop, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}

async function raw(png: Buffer, channels: 3 | 4 = 4) {
  const img = sharp(png);
  const { data, info } = await (channels === 4 ? img.ensureAlpha() : img.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Per zone: pixels whose RGB differs from the source, and the alphas seen. */
async function audit(source: Buffer, cutout: Buffer, zone: Zone[]) {
  const a = await raw(source);
  const b = await raw(cutout);
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  const stats = { subject: 0, subjectChanged: 0, subjectNotOpaque: 0, background: 0, backgroundVisible: 0, partial: 0, partialOutsideEdge: 0, holeOpaque: 0, opaqueChanged: 0 };
  for (let p = 0; p < zone.length; p++) {
    const o = p * 4;
    const alpha = b.data[o + 3]!;
    const sameRgb = b.data[o] === a.data[o] && b.data[o + 1] === a.data[o + 1] && b.data[o + 2] === a.data[o + 2];
    // Anywhere, the edge included: a pixel left opaque is the input pixel.
    if (alpha === 255 && !sameRgb) stats.opaqueChanged++;
    if (alpha > 0 && alpha < 255) {
      stats.partial++;
      if (zone[p] !== "edge") stats.partialOutsideEdge++;
    }
    if (zone[p] === "subject") {
      stats.subject++;
      if (!sameRgb) stats.subjectChanged++;
      if (alpha !== 255) stats.subjectNotOpaque++;
      if (inHole(p % W, Math.floor(p / W)) && alpha === 255) stats.holeOpaque++;
    } else if (zone[p] === "background") {
      stats.background++;
      if (alpha !== 0) stats.backgroundVisible++;
    }
  }
  return stats;
}

describe("removeBackground", () => {
  let source: Buffer;
  const zone = zones(W, H, kept);
  beforeAll(async () => {
    source = await photo(noisyBackdrop(W, H, 8));
  });

  it("keeps the subject exactly, clears the backdrop, and softens only the outline", async () => {
    const cut = await removeBackground(source);
    const meta = await sharp(cut.png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(["png", W, H, 4]);
    expect([cut.width, cut.height]).toEqual([W, H]);
    const s = await audit(source, cut.png, zone);
    expect(s.subject).toBeGreaterThan(15_000);
    expect(s.subjectChanged).toBe(0);
    expect(s.subjectNotOpaque).toBe(0);
    expect(s.opaqueChanged).toBe(0);
    expect(s.background).toBeGreaterThan(40_000);
    expect(s.backgroundVisible).toBe(0);
    // The anti-aliased outline (~760 px around the disc and block) comes out partly transparent.
    expect(s.partial).toBeGreaterThan(300);
    expect(s.partialOutsideEdge).toBe(0);
    const keptShare = zone.filter((z, p) => z !== "background" && kept(p % W, Math.floor(p / W))).length / zone.length;
    expect(cut.subjectFraction).toBeCloseTo(keptShare, 1);
  });

  it("gives outline pixels the alpha of their true coverage", async () => {
    // A tilted block, so the outline crosses pixels at every coverage; its coverage is the same shape drawn white on black.
    const block = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect x="100.4" y="60.3" width="120" height="110" fill="${fill}" transform="rotate(12 160 115)"/></svg>`;
    const image = await photo(noisyBackdrop(W, H, 8), W, H, block("#c8281e"));
    const coverage = await sharp(Buffer.from(block("#fff"))).flatten({ background: "#000" }).greyscale().raw().toBuffer();
    const { data } = await raw((await removeBackground(image)).png);
    let outline = 0;
    let error = 0;
    let hardError = 0;
    for (let p = 0; p < W * H; p++) {
      const c = coverage[p]!;
      if (c === 0 || c === 255) continue;
      outline++;
      error += Math.abs(data[p * 4 + 3]! - c);
      hardError += Math.abs((c >= 128 ? 255 : 0) - c);
    }
    expect(outline).toBeGreaterThan(400);
    // Measured: ~12 of 255 on average, where a hard 0/255 cut would be ~54 off.
    expect(error / outline).toBeLessThan(20);
    expect(error / outline).toBeLessThan(hardError / outline / 2);
  });

  it("keeps a hole of backdrop colour enclosed by the subject (the fill starts at the border)", async () => {
    const cut = await removeBackground(source);
    const s = await audit(source, cut.png, zone);
    const holePixels = zone.filter((_, p) => inHole(p % W, Math.floor(p / W))).length;
    expect(holePixels).toBeGreaterThan(1000);
    expect(s.holeOpaque).toBe(holePixels);
  });

  it("handles a gradient backdrop (several border colours)", async () => {
    const gradient = noisyBackdrop(W, H, 4, (_, y) => [90 + (y / H) * 140, 150 + (y / H) * 90, 230]);
    const image = await photo(gradient);
    const s = await audit(image, (await removeBackground(image)).png, zone);
    expect(s.subjectChanged).toBe(0);
    expect(s.subjectNotOpaque).toBe(0);
    expect(s.backgroundVisible).toBe(0);
    expect(s.partialOutsideEdge).toBe(0);
  });

  it("clears dust on the backdrop: specks too small to be a subject", async () => {
    const dusty = noisyBackdrop(W, H, 8);
    const specks = [[20, 20], [300, 30], [160, 220], [15, 200], [305, 215], [170, 15]] as const;
    for (const [x, y] of specks) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1]]) dusty.fill(30, ((y + dy!) * W + x + dx!) * 3, ((y + dy!) * W + x + dx! + 1) * 3);
    const image = await photo(dusty);
    const { data } = await raw((await removeBackground(image)).png);
    expect(specks.map(([x, y]) => data[(y * W + x) * 4 + 3])).toEqual(specks.map(() => 0));
  });

  it("keeps a subject that runs off one edge (its colours are on one side only)", async () => {
    const tall = { ...BLOCK, y: 60, h: H - 60 };
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${Array.from({ length: 12 }, (_, i) => `<rect x="${tall.x}" y="${tall.y + i * 15}" width="${tall.w}" height="15" fill="${i % 2 ? "#1e2a5a" : "#f0c419"}"/>`).join("")}</svg>`;
    const image = await photo(noisyBackdrop(W, H, 8), W, H, svg);
    const inTall = (x: number, y: number) => x + 0.5 >= tall.x && x + 0.5 <= tall.x + tall.w && y + 0.5 >= tall.y;
    const s = await audit(image, (await removeBackground(image)).png, zones(W, H, inTall));
    expect(s.subject).toBeGreaterThan(12_000);
    expect(s.subjectChanged).toBe(0);
    expect(s.subjectNotOpaque).toBe(0);
    expect(s.backgroundVisible).toBe(0);
  });

  it("cuts a transparent cut-out again without changing what it kept", async () => {
    const first = (await removeBackground(source)).png;
    const again = await removeBackground(first);
    const [a, b] = await Promise.all([raw(first), raw(again.png)]);
    let changed = 0;
    for (let p = 0; p < zone.length; p++) {
      if (zone[p] === "edge") continue;
      const o = p * 4;
      // Fully transparent pixels may carry any colour; compare alpha there, RGBA elsewhere.
      if (a.data[o + 3] === 0 ? b.data[o + 3] !== 0 : !a.data.subarray(o, o + 4).equals(b.data.subarray(o, o + 4))) changed++;
    }
    expect(changed).toBe(0);
  });

  it("cuts a JPEG: the subject as decoded, the backdrop cleared", async () => {
    const jpeg = await sharp(source).jpeg({ quality: 90 }).toBuffer();
    const decoded = await sharp(jpeg).png().toBuffer();
    const s = await audit(decoded, (await removeBackground(jpeg)).png, zone);
    expect(s.subjectChanged).toBe(0);
    expect(s.subjectNotOpaque).toBe(0);
    expect(s.backgroundVisible).toBe(0);
  });

  it("refuses an image with nothing in front of the backdrop", async () => {
    const flat = await sharp(noisyBackdrop(W, H, 6), { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
    const err = await removeBackground(flat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSubjectError);
    expect(err).toBeInstanceOf(MediaInputError);
    expect((err as NoSubjectError).message).toBe(NO_SUBJECT_MESSAGE);
    expect((err as NoSubjectError).field).toBe("image_url");
  });

  it("refuses an image whose border has no common colour (no backdrop)", async () => {
    const quarters = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W / 2}" height="${H / 2}" fill="#f00"/><rect x="${W / 2}" width="${W / 2}" height="${H / 2}" fill="#0f0"/><rect y="${H / 2}" width="${W / 2}" height="${H / 2}" fill="#00f"/><rect x="${W / 2}" y="${H / 2}" width="${W / 2}" height="${H / 2}" fill="#ff0"/></svg>`;
    await expect(removeBackground(await sharp(Buffer.from(quarters)).png().toBuffer())).rejects.toBeInstanceOf(NoSubjectError);
  });

  it("rejects an unreadable image with MediaInputError, and stops when aborted", async () => {
    const junk = removeBackground(Buffer.from("not a picture"));
    await expect(junk).rejects.toBeInstanceOf(MediaInputError);
    await expect(junk).rejects.not.toBeInstanceOf(NoSubjectError);
    await expect(removeBackground(source, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});

describe("replaceBackground", () => {
  let source: Buffer;
  const zone = zones(W, H, kept);
  beforeAll(async () => {
    source = await photo(noisyBackdrop(W, H, 8));
  });

  it("keeps the subject's pixels, paints a new opaque backdrop, deterministically", async () => {
    const opts = { image: source, prompt: "a sunset over the sea", seed: 4 };
    const [a, b, other] = await Promise.all([replaceBackground(opts), replaceBackground(opts), replaceBackground({ ...opts, prompt: "a dark pine forest" })]);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(["png", W, H, false]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(other)).toBe(false);

    const src = await raw(source, 3);
    const out = await raw(a, 3);
    let subjectChanged = 0;
    let backgroundChanged = 0;
    let background = 0;
    for (let p = 0; p < zone.length; p++) {
      const diff = [0, 1, 2].reduce((s, c) => s + Math.abs(src.data[p * 3 + c]! - out.data[p * 3 + c]!), 0);
      if (zone[p] === "subject" && diff !== 0) subjectChanged++;
      if (zone[p] === "background") {
        background++;
        if (diff > 30) backgroundChanged++;
      }
    }
    expect(subjectChanged).toBe(0);
    expect(backgroundChanged / background).toBeGreaterThan(0.9);
  });

  it("refuses a flat image like removal does", async () => {
    const flat = await sharp({ create: { width: W, height: H, channels: 3, background: "#808080" } }).png().toBuffer();
    await expect(replaceBackground({ image: flat, prompt: "x", seed: 1 })).rejects.toBeInstanceOf(NoSubjectError);
  });
});
