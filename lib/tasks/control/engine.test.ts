import { ValidationError } from "@fal-ai/client";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { FAMILIES, type Family } from "@/lib/providers/catalog";
import { engineFetch, useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";
import * as z from "zod/mini";

/**
 * The control families on the local engine, driven by the real @fal-ai/client: fal's input in,
 * fal's output shape out; edges computed for real, pictures that visibly follow their map, and
 * clear refusals for what the engine cannot compute (finding a body, estimating depth).
 */

const KEY = "test-fal-key";
const fal = () => localFalClient(KEY);
type File = { url: string; content_type?: string; width?: number; height?: number; file_size?: number };
type Images = { images: File[]; seed: number; prompt: string };

const run = async (endpointId: string, input: Record<string, unknown>): Promise<unknown> => (await fal().subscribe(endpointId, { input, pollInterval: 20 })).data;
const refusal = async (endpointId: string, input: Record<string, unknown>) => {
  const err = await run(endpointId, input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fieldErrors;
};
const dataUri = (png: Buffer) => `data:image/png;base64,${png.toString("base64")}`;

async function bytesOf(file: File): Promise<Buffer> {
  const res = await engineFetch(file.url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}
async function rgb(file: File) {
  const { data, info } = await sharp(await bytesOf(file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
  const luma = (x: number, y: number) => { const [r, g, b] = at(x, y) as [number, number, number]; return 0.299 * r + 0.587 * g + 0.114 * b; };
  return { width: info.width, height: info.height, data, at, luma };
}

const W = 256;
const H = 192;
const SQUARE = { x0: 64, y0: 48, x1: 192, y1: 144 };
let photo: string;
let edgesMap: string;
let depthMap: string;
let poseMap: string;

beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
  const { x0, y0, x1, y1 } = SQUARE;
  photo = dataUri(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#d8dce0"/><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="#b01e28"/></svg>`)).png().toBuffer());
  edgesMap = dataUri(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#000"/><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="none" stroke="#fff" stroke-width="2"/></svg>`)).png().toBuffer());
  // Near (white) on the left half, far (black) on the right.
  depthMap = dataUri(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#000"/><rect width="${W / 2}" height="${H}" fill="#fff"/></svg>`)).png().toBuffer());
  // An OpenPose-style skeleton: a spine and two legs in the palette's dimmed colours, on black, 300×400.
  poseMap = dataUri(await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><rect width="300" height="400" fill="#000"/><g stroke-width="8" stroke-linecap="round"><line x1="150" y1="80" x2="150" y2="220" stroke="rgb(153,0,0)"/><line x1="150" y1="220" x2="110" y2="360" stroke="rgb(0,153,51)"/><line x1="150" y1="220" x2="190" y2="360" stroke="rgb(0,51,153)"/></g><circle cx="150" cy="60" r="6" fill="rgb(255,0,0)"/></svg>`)).png().toBuffer());
});

describe("local engine: Canny map maker", () => {
  it("draws a photo's edges, white on black, at the photo's size, in fal's output shape", async () => {
    const out = await run("fal-ai/image-preprocessors/canny", { image_url: photo });
    expect(z.strictObject(FAMILIES.canny.output.shape).safeParse(out).success, JSON.stringify(out)).toBe(true);
    const { image } = out as { image: File };
    expect(image).toMatchObject({ content_type: "image/png", width: W, height: H, file_size: (await bytesOf(image)).length });
    const map = await rgb(image);
    const { x0, y0, x1, y1 } = SQUARE;
    expect([map.at(128, y0 - 1)[0]! + map.at(128, y0)[0]!, map.at(x0 - 1, 96)[0]! + map.at(x0, 96)[0]!]).toEqual([255, 255]);
    expect([map.at(128, 96), map.at(10, 10), map.at(x1 + 20, y1 + 20)]).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });

  it("takes fal's thresholds: a high threshold above the square's contrast finds nothing", async () => {
    const { image } = (await run("fal-ai/image-preprocessors/canny", { image_url: photo, low_threshold: 2000, high_threshold: 3000 })) as { image: File };
    const map = await rgb(image);
    expect(map.data.some((v) => v > 0)).toBe(false);
  });
});

describe("local engine: pose and depth map makers refuse honestly", () => {
  it("DWPose answers 422 on image_url: no body detection here, draw the pose or set FAL_KEY", async () => {
    const [detail] = await refusal("fal-ai/dwpose", { image_url: photo });
    expect(detail).toMatchObject({ loc: ["body", "image_url"] });
    expect(detail!.msg).toMatch(/cannot detect a body.*Draw the pose.*FAL_KEY/);
  });

  it("Depth Anything answers 422 on image_url: no depth estimation here, upload a depth map or set FAL_KEY", async () => {
    const [detail] = await refusal("fal-ai/image-preprocessors/depth-anything/v2", { image_url: photo });
    expect(detail).toMatchObject({ loc: ["body", "image_url"] });
    expect(detail!.msg).toMatch(/cannot estimate depth.*Upload a depth map.*FAL_KEY/);
  });
});

const PROMPT = "a quiet harbour at dusk";

describe("local engine: pictures that follow a control map", () => {
  it("FLUX canny: the map's lines are inked into the scene, the rest of it untouched; same input, same bytes", async () => {
    const input = { prompt: PROMPT, control_lora_image_url: edgesMap, preprocess_depth: false, image_size: { width: W, height: H }, seed: 4, output_format: "png" };
    const out = (await run("fal-ai/flux-control-lora-canny", input)) as Images;
    expect(z.strictObject(FAMILIES["flux-control-lora-canny"].output.shape).safeParse(out).success, JSON.stringify(out)).toBe(true);
    expect(out).toMatchObject({ seed: 4, prompt: PROMPT, images: [{ width: W, height: H, content_type: "image/png" }] });
    const plain = await rgb(((await run("fal-ai/flux-control-lora-canny", { ...input, control_lora_strength: 0 })) as Images).images[0]!);
    const inked = await rgb(out.images[0]!);
    const { x0, y0, x1, y1 } = SQUARE;
    for (const [x, y] of [[128, y0], [128, y1], [x0, 96], [x1, 96]] as const) expect(inked.luma(x, y), `line at ${x},${y}`).toBeLessThan(plain.luma(x, y) * 0.5);
    for (const [x, y] of [[128, 96], [10, 10], [230, 170]] as const) expect(inked.at(x, y)).toEqual(plain.at(x, y));
    const again = (await run("fal-ai/flux-control-lora-canny", input)) as Images;
    expect((await bytesOf(again.images[0]!)).equals(await bytesOf(out.images[0]!))).toBe(true);
  });

  it("FLUX canny derives the edges itself from a photo by default (preprocess_depth), as its own Canny map would", async () => {
    const common = { prompt: PROMPT, image_size: { width: W, height: H }, seed: 4, output_format: "png" };
    const derived = (await run("fal-ai/flux-control-lora-canny", { ...common, control_lora_image_url: photo })) as Images;
    const { image } = (await run("fal-ai/image-preprocessors/canny", { image_url: photo })) as { image: File };
    const mapUri = dataUri(await bytesOf(image));
    const given = (await run("fal-ai/flux-control-lora-canny", { ...common, control_lora_image_url: mapUri, preprocess_depth: false })) as Images;
    expect((await bytesOf(derived.images[0]!)).equals(await bytesOf(given.images[0]!))).toBe(true);
  });

  it("FLUX depth: near comes forward brighter, far sinks into haze (less contrast); deriving depth is refused", async () => {
    const input = { prompt: "rolling hills with trees", control_lora_image_url: depthMap, preprocess_depth: false, image_size: { width: W, height: H }, seed: 9, output_format: "png" };
    const lit = await rgb(((await run("fal-ai/flux-control-lora-depth", input)) as Images).images[0]!);
    const plain = await rgb(((await run("fal-ai/flux-control-lora-depth", { ...input, control_lora_strength: 0 })) as Images).images[0]!);
    const stats = (img: typeof lit, fromX: number, toX: number) => {
      const values: number[] = [];
      for (let y = 0; y < H; y++) for (let x = fromX; x < toX; x++) values.push(img.luma(x, y));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return { mean, spread: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length) };
    };
    expect(stats(lit, 0, W / 2).mean).toBeGreaterThan(stats(plain, 0, W / 2).mean);
    expect(stats(lit, W / 2, W).spread).toBeLessThan(stats(plain, W / 2, W).spread * 0.5);
    const [detail] = await refusal("fal-ai/flux-control-lora-depth", { ...input, preprocess_depth: undefined });
    expect(detail).toMatchObject({ loc: ["body", "preprocess_depth"] });
    expect(detail!.msg).toMatch(/cannot estimate depth/);
  });

  it("SDXL ControlNet Union: a figure stands on the skeleton, at the map's aspect when no size is given", async () => {
    const input = { prompt: "a dancer on a beach", openpose_image_url: poseMap, openpose_preprocess: false, controlnet_conditioning_scale: 1, seed: 2, format: "png" };
    const out = (await run("fal-ai/sdxl-controlnet-union", input)) as Images;
    expect(z.strictObject(FAMILIES["sdxl-controlnet-union"].output.shape).safeParse(out).success).toBe(true);
    // 300×400 at about a megapixel, in multiples of 8.
    expect(out.images[0]).toMatchObject({ width: 888, height: 1184 });
    const figure = await rgb(out.images[0]!);
    const plain = await rgb(((await run("fal-ai/sdxl-controlnet-union", { ...input, controlnet_conditioning_scale: 0 })) as Images).images[0]!);
    const k = 888 / 300;
    for (const [x, y] of [[150, 150], [130, 290], [170, 290]] as const) {
      const [fx, fy] = [Math.round(x * k), Math.round(y * k)];
      expect(Math.abs(figure.luma(fx, fy) - plain.luma(fx, fy)), `body at ${x},${y}`).toBeGreaterThan(25);
    }
    for (const [x, y] of [[20, 20], [280, 100], [30, 380]] as const) expect(figure.at(Math.round(x * k), Math.round(y * k))).toEqual(plain.at(Math.round(x * k), Math.round(y * k)));
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["fal-ai/sdxl-controlnet-union", { openpose_image_url: "POSE" }, "openpose_preprocess", /cannot detect a body/],
    ["fal-ai/sdxl-controlnet-union", { depth_image_url: "DEPTH" }, "depth_preprocess", /cannot estimate depth/],
    ["fal-ai/sdxl-controlnet-union", { normal_image_url: "DEPTH", normal_preprocess: false }, "normal_image_url", /no normal control/],
    ["fal-ai/flux-control-lora-canny", { control_lora_image_url: "EDGES", preprocess_depth: false, image_url: "EDGES" }, "image_url", /does not take image_url/],
    ["fal-ai/flux-control-lora-canny", { control_lora_image_url: "EDGES", preprocess_depth: false, num_images: 9 }, "num_images", /at most 4/],
  ])("%s refuses %j with 422 on %s", async (id, input, field, message) => {
    const maps: Record<string, string> = { POSE: poseMap, DEPTH: depthMap, EDGES: edgesMap };
    const filled = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? maps[v] : v]));
    const [detail] = await refusal(id, { prompt: PROMPT, ...filled });
    expect(detail).toMatchObject({ loc: ["body", field] });
    expect(detail!.msg).toMatch(message);
  });

  it("every control family has a local generator answering its own output shape", () => {
    const control = (Object.keys(FAMILIES) as Family[]).filter((f) => FAMILIES[f].kind === "control");
    expect(control).toEqual(["sdxl-controlnet-union", "flux-control-lora-depth", "flux-control-lora-canny", "dwpose", "depth-anything-v2", "canny"]);
  });
});
