import sharp from "sharp";

/** Raw RGB pixels plus their size, as sharp decodes them. */
export type RawRgb = { data: Buffer; width: number; height: number };

/**
 * A PNG test card generated at run time (no binary fixtures in the repo): four coloured
 * quadrants, a grid of thin lines and a diagonal band, so it has structure in every region and
 * any change to a pixel is visible in the bytes.
 */
export async function makeTestPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  const quadrant: [number, number, number][] = [
    [220, 60, 50],
    [40, 160, 80],
    [50, 90, 210],
    [230, 200, 40],
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const q = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
      let [r, g, b] = quadrant[q]!;
      if (x % 32 === 0 || y % 32 === 0) [r, g, b] = [255, 255, 255];
      if (Math.abs(x - (y * width) / height) < 6) [r, g, b] = [20, 20, 20];
      // A gentle gradient so neighbouring pixels differ too.
      const o = (y * width + x) * 3;
      data[o] = (r + (x % 16)) & 0xff;
      data[o + 1] = (g + (y % 16)) & 0xff;
      data[o + 2] = b;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Decodes any image to raw 8-bit RGB (alpha dropped). */
export async function decodeRgb(image: Buffer): Promise<RawRgb> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

export async function imageSize(image: Buffer): Promise<{ width: number; height: number; format?: string }> {
  const meta = await sharp(image).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format };
}

/** Rectangle in image pixels, end-exclusive. */
export type Rect = { x0: number; y0: number; x1: number; y1: number };

/** Number of pixels inside `rect` whose RGB differs between two same-sized images. */
export function countChangedPixels(a: RawRgb, b: RawRgb, rect: Rect): { changed: number; total: number } {
  if (a.width !== b.width || a.height !== b.height) throw new Error("images differ in size");
  let changed = 0;
  let total = 0;
  for (let y = Math.max(0, rect.y0); y < Math.min(a.height, rect.y1); y++) {
    for (let x = Math.max(0, rect.x0); x < Math.min(a.width, rect.x1); x++) {
      const o = (y * a.width + x) * 3;
      total++;
      if (a.data[o] !== b.data[o] || a.data[o + 1] !== b.data[o + 1] || a.data[o + 2] !== b.data[o + 2]) changed++;
    }
  }
  return { changed, total };
}

/** Bytes that claim to be a PNG by name and type but are not an image. */
export const NOT_AN_IMAGE = Buffer.from("This is plain text pretending to be a PNG file.\n".repeat(20));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decode bomb: a valid, fully decodable greyscale PNG of width×height (12000² is 144 MP) whose
 * file is tiny, because every row is zeros and deflate compresses them ~1000:1. Built row by row,
 * so making it never holds the raw pixels.
 */
export async function decodeBombPng(width: number, height: number): Promise<Buffer> {
  const { createDeflate } = await import("node:zlib");
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method extras, no interlace
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (d: Buffer) => parts.push(d));
  const done = new Promise<void>((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  const row = Buffer.alloc(width + 1); // filter byte 0, then zeros
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise<void>((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", ihdr), pngChunk("IDAT", Buffer.concat(parts)), pngChunk("IEND", Buffer.alloc(0))]);
}
