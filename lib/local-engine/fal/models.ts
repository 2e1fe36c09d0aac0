import "server-only";
import sharp from "sharp";
import { FAMILIES, maxInputPixelsOf, pixelLimitExceeded, resolveImageSize, type Family, type FamilyInput, type Supports } from "@/lib/providers/catalog";
import { renderImage } from "@/lib/local-engine/media/image";
import { inpaint } from "@/lib/local-engine/media/inpaint";
import { renderVideo } from "@/lib/local-engine/media/video";
import { transcribe } from "@/lib/local-engine/media/transcribe";
import { RASTER_LABEL } from "@/lib/media/image-format";
import { rasterHeader } from "@/lib/media/probe";
import { MediaInputError, ToolUnavailableError } from "@/lib/system-tools";
import { fileStore, fileUrl } from "./files";
import { RunError } from "./run-error";

/** What each catalog family does on the local engine; outputs take fal's shapes. */

export type RunContext = {
  /** Origin the caller reached the engine at; output URLs are built on it. */
  origin: string;
  log: (message: string) => void;
  saveOutput: (data: Buffer, contentType: string, fileName: string) => Promise<string>;
  /** Aborted when the request is cancelled or the server stops: the work ends within a slice. */
  signal?: AbortSignal;
};

const VIDEO_SIZES: Record<string, { width: number; height: number }> = {
  "16:9": { width: 768, height: 432 },
  "9:16": { width: 432, height: 768 },
  "1:1": { width: 576, height: 576 },
};

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);

/** The most a model reads into memory for one input: the studio's own largest upload (audio, 100 MB). */
const MAX_INPUT_BYTES = 100 * 1024 * 1024;

const invalid = (field: string, msg: string) => new RunError(422, [{ loc: ["body", field], msg, type: "value_error" }]);

/** Reads an input the way a model would: fal storage files (ours) and data URIs. */
async function readInput(url: string, field: string): Promise<Buffer> {
  if (url.startsWith("data:")) {
    const comma = url.indexOf(",");
    if (comma < 0) throw invalid(field, "Malformed data URI");
    const meta = url.slice(5, comma);
    const payload = url.slice(comma + 1);
    if (meta.endsWith(";base64")) return Buffer.from(payload, "base64");
    try {
      return Buffer.from(decodeURIComponent(payload));
    } catch {
      throw invalid(field, "Malformed data URI");
    }
  }
  const local = await fileStore().readLocal(url, MAX_INPUT_BYTES).catch((err: unknown) => {
    if (err instanceof RunError) throw err;
    return undefined;
  });
  if (local) return local;
  throw invalid(field, "The local engine reads only files uploaded to its storage or data URIs");
}

/**
 * An image input, measured from its header before anything decodes it: one larger than the
 * endpoint's limit is refused at once, whatever its file size (a few hundred KB can declare 144 MP).
 */
async function readImageInput(url: string, field: string, family: Family): Promise<{ data: Buffer; width: number; height: number }> {
  const data = await readInput(url, field);
  const header = await rasterHeader(data);
  if (!header) throw invalid(field, `Could not read the image: it must be ${RASTER_LABEL}`);
  const max = maxInputPixelsOf(family);
  const excess = max && pixelLimitExceeded(header.width, header.height, max, "this endpoint");
  if (excess) throw invalid(field, excess);
  return { data, width: header.width, height: header.height };
}

async function imageOutputs(
  ctx: RunContext,
  buffers: Buffer[],
  format: "png" | "jpeg" | undefined,
  width: number,
  height: number,
) {
  const contentType = format === "jpeg" ? "image/jpeg" : "image/png";
  return Promise.all(
    buffers.map(async (png, i) => {
      const data = format === "jpeg" ? await sharp(png).jpeg({ quality: 92 }).toBuffer() : png;
      const url = await ctx.saveOutput(data, contentType, `image-${i + 1}.${format === "jpeg" ? "jpg" : "png"}`);
      return { url, width, height, content_type: contentType };
    }),
  );
}

const n = (count: number | undefined) => Array.from({ length: count ?? 1 }, (_, i) => i);

async function run<F extends Family>(family: F, input: FamilyInput<F>, ctx: RunContext): Promise<unknown> {
  switch (family) {
    case "flux-text-to-image": {
      const i = input as FamilyInput<"flux-text-to-image">;
      const { width, height } = resolveImageSize(i.image_size);
      const seed = i.seed ?? randomSeed();
      const started = Date.now();
      const pngs = await Promise.all(n(i.num_images).map((index) => renderImage({ prompt: i.prompt, width, height, seed, index })));
      const images = await imageOutputs(ctx, pngs, i.output_format ?? "jpeg", width, height);
      return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: { inference: (Date.now() - started) / 1000 } };
    }
    case "flux-image-to-image": {
      const i = input as FamilyInput<"flux-image-to-image">;
      const { data: source, width, height } = await readImageInput(i.image_url, "image_url", family);
      const seed = i.seed ?? randomSeed();
      const pngs = await Promise.all(
        n(i.num_images).map((index) =>
          renderImage({ prompt: i.prompt, width, height, seed, index, source: { data: source, strength: i.strength ?? 0.95 }, signal: ctx.signal }),
        ),
      );
      const images = await imageOutputs(ctx, pngs, i.output_format ?? "jpeg", width, height);
      return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: {} };
    }
    case "flux-inpaint": {
      const i = input as FamilyInput<"flux-inpaint">;
      const [{ data: image, width, height }, { data: mask }] = await Promise.all([
        readImageInput(i.image_url, "image_url", family),
        readImageInput(i.mask_url, "mask_url", family),
      ]);
      const seed = i.seed ?? randomSeed();
      // One after another: each holds the whole image in memory several times over.
      const pngs: Buffer[] = [];
      for (const index of n(i.num_images)) {
        pngs.push(await inpaint({ image, mask, prompt: i.prompt, seed, strength: i.strength, index, signal: ctx.signal }));
      }
      const images = await imageOutputs(ctx, pngs, i.output_format ?? "png", width, height);
      return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: {} };
    }
    case "ltx-text-to-video":
    case "ltx-image-to-video":
    case "kling-text-to-video":
    case "kling-image-to-video":
    case "ltx2-text-to-video":
    case "ltx2-image-to-video": {
      const i = input as { prompt: string; seed?: number; duration?: string; aspect_ratio?: string; image_url?: string };
      const start = i.image_url ? await readImageInput(i.image_url, "image_url", family) : undefined;
      const size = start ? videoSizeFor(start) : VIDEO_SIZES[i.aspect_ratio ?? "16:9"]!;
      const seed = i.seed ?? randomSeed();
      ctx.log(`Rendering ${i.duration ?? 5} s at ${size.width}×${size.height}`);
      const mp4 = await renderVideo({ prompt: i.prompt, seed, durationSec: Number(i.duration ?? 5), ...size, startImage: start?.data, signal: ctx.signal });
      const url = await ctx.saveOutput(mp4, "video/mp4", "video.mp4");
      // Like the real endpoints: only families that take a seed report one back.
      const supports: Supports = FAMILIES[family].supports;
      const reported = supports.seed ? { seed } : {};
      return { video: { url, content_type: "video/mp4", file_name: "video.mp4", file_size: mp4.length }, ...reported };
    }
    case "whisper": {
      const i = input as FamilyInput<"whisper">;
      const audio = await readInput(i.audio_url, "audio_url");
      const out = await transcribe(audio, { language: i.language, signal: ctx.signal });
      return {
        text: out.text,
        chunks: out.chunks.map((c) => ({ timestamp: c.timestamp, text: c.text })),
        inferred_languages: ["en"],
        diarization_segments: [],
      };
    }
  }
  throw new RunError(500, `No local model for ${family}`);
}

/** Keeps the start frame's aspect, at a size the encoder accepts (even, ≤ 768 on the long side). */
function videoSizeFor({ width, height }: { width: number; height: number }) {
  const scale = Math.min(1, 768 / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** Validates an input as the endpoint would at submit time: 422 with fal's `detail` shape. */
export function parseInput(family: Family, rawInput: unknown): unknown {
  const parsed = FAMILIES[family].input.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  throw new RunError(
    422,
    parsed.error.issues.map((issue) => ({ loc: ["body", ...issue.path.map(String)], msg: issue.message, type: issue.code })),
  );
}

/** Runs a parsed input; tool and media problems become errors the caller can show. */
export async function runModel(family: Family, input: unknown, ctx: RunContext): Promise<unknown> {
  try {
    return await run(family, input as FamilyInput<typeof family>, ctx);
  } catch (err) {
    if (err instanceof MediaInputError) throw new RunError(422, err.message);
    if (err instanceof ToolUnavailableError) throw new RunError(503, err.message);
    throw err;
  }
}

export function outputSaver(origin: string): RunContext["saveOutput"] {
  return async (data, contentType, fileName) => fileUrl(origin, await fileStore().save(data, { contentType, fileName }), fileName);
}
