import { ValidationError } from "@fal-ai/client";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { NO_SUBJECT_MESSAGE } from "@/lib/local-engine/media/background";
import { setKnobs } from "@/lib/local-engine/state";
import { FAMILIES, KNOWN_ENDPOINTS, type Family } from "@/lib/providers/catalog";
import { engineFetch, useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";
import * as z from "zod/mini";

/**
 * The background families on the local engine, driven by the real @fal-ai/client: fal's input in,
 * fal's output shape out, the subject's pixels untouched and the backdrop transparent (or new).
 */

const KEY = "test-fal-key";
const fal = () => localFalClient(KEY);
const W = 160;
const H = 120;
const BACKDROP = [228, 232, 236];
// A two-colour block (so "untouched" means more than one colour survives) on a flat backdrop.
const BOX = { x0: 50, y0: 30, x1: 110, y1: 90 };
const inBox = (x: number, y: number) => x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1;
const subjectColour = (x: number) => (x < 80 ? [200, 30, 40] : [20, 60, 180]);

let photo: Buffer;
let photoUri: string;
let flatUri: string;
const dataUri = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
  const rgb = Buffer.alloc(W * H * 3);
  for (let p = 0; p < W * H; p++) rgb.set(inBox(p % W, Math.floor(p / W)) ? subjectColour(p % W) : BACKDROP, p * 3);
  photo = await sharp(rgb, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
  photoUri = dataUri(photo);
  flatUri = dataUri(await sharp({ create: { width: W, height: H, channels: 3, background: { r: 90, g: 90, b: 90 } } }).png().toBuffer());
});

type File = { url: string; content_type?: string; width?: number; height?: number; file_size?: number };

async function run(endpointId: string, input: Record<string, unknown>): Promise<unknown> {
  return (await fal().subscribe(endpointId, { input, pollInterval: 20 })).data;
}

async function bytesOf(file: File): Promise<Buffer> {
  if (file.url.startsWith("data:")) return Buffer.from(file.url.slice(file.url.indexOf(",") + 1), "base64");
  const res = await engineFetch(file.url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function rgba(file: File) {
  const { data, info } = await sharp(await bytesOf(file)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)) };
}

/** Every pixel at least 3 px from the box's outline: inside exactly the photo's, outside fully transparent. */
async function expectCutOut(file: File) {
  const img = await rgba(file);
  expect([img.width, img.height, file.width, file.height]).toEqual([W, H, W, H]);
  let inside = 0;
  let outside = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const far = x < BOX.x0 - 3 || x >= BOX.x1 + 3 || y < BOX.y0 - 3 || y >= BOX.y1 + 3;
      const deep = x >= BOX.x0 + 3 && x < BOX.x1 - 3 && y >= BOX.y0 + 3 && y < BOX.y1 - 3;
      if (deep && (inside++, img.at(x, y).join() !== [...subjectColour(x), 255].join())) throw new Error(`subject pixel ${x},${y} changed: ${img.at(x, y)}`);
      if (far && (outside++, img.at(x, y)[3] !== 0)) throw new Error(`background pixel ${x},${y} kept: ${img.at(x, y)}`);
    }
  }
  expect(inside).toBe((BOX.x1 - BOX.x0 - 6) * (BOX.y1 - BOX.y0 - 6));
  expect(outside).toBeGreaterThan(W * H * 0.6);
}

const REMOVAL = KNOWN_ENDPOINTS.filter((e) => FAMILIES[e.family].mode === "remove-background");

describe("local engine: background removal", () => {
  it.each(REMOVAL.map((e) => [e.id, e.family] as const))("%s: the subject untouched on transparency, in fal's output shape", async (id, family: Family) => {
    const out = await run(id, { image_url: photoUri });
    expect(z.strictObject(FAMILIES[family].output.shape).safeParse(out).success, JSON.stringify(out)).toBe(true);
    const { image } = out as { image: File };
    expect(image).toMatchObject({ content_type: "image/png", file_size: (await bytesOf(image)).length });
    await expectCutOut(image);
  });

  it("BiRefNet v2: lossless WebP, the mask beside it, or the mask alone", async () => {
    const both = (await run("fal-ai/birefnet/v2", { image_url: photoUri, output_format: "webp", output_mask: true })) as { image: File; mask_image: File };
    expect(both.image.content_type).toBe("image/webp");
    expect((await sharp(await bytesOf(both.image)).metadata()).format).toBe("webp");
    await expectCutOut(both.image);
    const mask = await rgba(both.mask_image);
    expect([mask.at(80, 60), mask.at(2, 2), mask.at(W - 3, H - 3)]).toEqual([[255, 255, 255, 255], [0, 0, 0, 255], [0, 0, 0, 255]]);

    const only = (await run("fal-ai/birefnet/v2", { image_url: photoUri, mask_only: true })) as { image: File; mask_image?: File };
    expect(only.mask_image).toBeUndefined();
    expect((await bytesOf(only.image)).equals(await bytesOf(both.mask_image))).toBe(true);
  });

  it("rembg: crop_to_bbox keeps just the subject's box; sync_mode answers a data URI", async () => {
    const { image } = (await run("fal-ai/imageutils/rembg", { image_url: photoUri, crop_to_bbox: true, sync_mode: true })) as { image: File };
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    const img = await rgba(image);
    // The soft edge may reach a pixel or two past the box; never the backdrop beyond.
    expect(img.width).toBeGreaterThanOrEqual(BOX.x1 - BOX.x0);
    expect(img.width).toBeLessThanOrEqual(BOX.x1 - BOX.x0 + 4);
    expect(img.height).toBeGreaterThanOrEqual(BOX.y1 - BOX.y0);
    expect(img.height).toBeLessThanOrEqual(BOX.y1 - BOX.y0 + 4);
    expect([image.width, image.height]).toEqual([img.width, img.height]);
    expect(img.at(Math.floor(img.width / 2) - 5, Math.floor(img.height / 2))).toEqual([...subjectColour(75), 255]);
  });

  it.each(REMOVAL.map((e) => e.id))("%s: a flat image is refused with 422 on image_url: No subject found", async (id) => {
    const err = await run(id, { image_url: flatUri }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toEqual([{ loc: ["body", "image_url"], msg: NO_SUBJECT_MESSAGE, type: "value_error" }]);
  });
});

describe("local engine: background replacement", () => {
  const replace = (input: Record<string, unknown>) => run("fal-ai/bria/background/replace", { image_url: photoUri, ...input });

  it("keeps the subject, paints an opaque new background, and is the same for the same seed", async () => {
    const out = (await replace({ prompt: "a pebble beach at dusk", seed: 5, num_images: 2 })) as { images: File[]; seed: number };
    expect(z.strictObject(FAMILIES["bria-replace-background"].output.shape).safeParse(out).success).toBe(true);
    expect(out.seed).toBe(5);
    expect(out.images).toHaveLength(2);
    const [a, b] = await Promise.all(out.images.map(rgba));
    for (const img of [a!, b!]) {
      expect([img.width, img.height]).toEqual([W, H]);
      expect(img.at(80 - 10, 60)).toEqual([...subjectColour(70), 255]);
      expect(img.at(80 + 10, 60)).toEqual([...subjectColour(90), 255]);
      for (const [x, y] of [[2, 2], [W - 3, H - 3]] as const) {
        expect(img.at(x, y)[3]).toBe(255);
        expect(img.at(x, y).slice(0, 3)).not.toEqual(BACKDROP);
      }
    }
    // Two images of one request differ; the same seed again gives the same bytes.
    expect((await bytesOf(out.images[0]!)).equals(await bytesOf(out.images[1]!))).toBe(false);
    const again = (await replace({ prompt: "a pebble beach at dusk", seed: 5 })) as { images: File[] };
    expect((await bytesOf(again.images[0]!)).equals(await bytesOf(out.images[0]!))).toBe(true);
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, "prompt"],
    [{ prompt: "snow", ref_image_url: "https://example.com/beach.png" }, "ref_image_url"],
    [{ ref_image_url: "https://example.com/beach.png" }, "ref_image_url"],
    [{ prompt: "snow", num_images: 50 }, "num_images"],
    [{ prompt: "snow", flat: true }, "image_url"],
  ])("refuses %j with 422 on %s", async ({ flat, ...input }, field) => {
    // The images are made in beforeAll, after the table is built.
    const err = await replace({ ...input, ...(flat ? { image_url: flatUri } : {}) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.map((d) => d.loc.join("."))).toEqual([`body.${field}`]);
  });
});
