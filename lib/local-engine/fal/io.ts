import "server-only";
import sharp from "sharp";
import { maxInputPixelsOf, pixelLimitExceeded, type Family } from "@/lib/providers/catalog";
import { RASTER_LABEL } from "@/lib/media/image-format";
import { rasterHeader } from "@/lib/media/probe";
import { fileStore } from "./files";
import type { RunContext } from "./models";
import { RunError } from "./run-error";

/** How local models read their inputs and write their outputs, as fal's models do. */

export const VIDEO_SIZES: Record<string, { width: number; height: number }> = {
  "16:9": { width: 768, height: 432 },
  "9:16": { width: 432, height: 768 },
  "1:1": { width: 576, height: 576 },
};

/** The most a model reads into memory for one input: the studio's own largest upload (audio, 100 MB). */
const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/** `field` may name a nested one with dots (`voice_setting.voice_id`), as fal's `loc` spells it part by part. */
export const invalid = (field: string, msg: string) => new RunError(422, [{ loc: ["body", ...field.split(".")], msg, type: "value_error" }]);

/** Reads an input the way a model would: fal storage files (ours) and data URIs. */
export async function readInput(url: string, field: string): Promise<Buffer> {
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
export async function readImageInput(url: string, field: string, family: Family): Promise<{ data: Buffer; width: number; height: number }> {
  const data = await readInput(url, field);
  const header = await rasterHeader(data);
  if (!header) throw invalid(field, `Could not read the image: it must be ${RASTER_LABEL}`);
  const max = maxInputPixelsOf(family);
  const excess = max && pixelLimitExceeded(header.width, header.height, max, "this endpoint");
  if (excess) throw invalid(field, excess);
  return { data, width: header.width, height: header.height };
}

export async function imageOutputs(
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

export const n = (count: number | undefined) => Array.from({ length: count ?? 1 }, (_, i) => i);

/** Keeps the start frame's aspect, at a size the encoder accepts (even, ≤ 768 on the long side). */
export function videoSizeFor({ width, height }: { width: number; height: number }) {
  const scale = Math.min(1, 768 / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

