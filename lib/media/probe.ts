import "server-only";
import { readFile, rm } from "node:fs/promises";
import { run, toolStatus } from "@/lib/system-tools";
import { loadSharp } from "./sharp";
import { RASTER_FORMATS, SNIFF_BYTES, sniffRaster, type RasterFormat } from "./image-format";

/**
 * Facts about a stored file: pixel size of images, size and duration of videos, and a poster frame.
 * `contentType` is what an image really is, from its bytes, whatever it was sent as.
 */
export type Probe = { width?: number; height?: number; durationSec?: number; contentType?: string };

/** An image's bytes, or an image file: its path and first bytes (kept while it was written, not read back). */
type ImageSource = Buffer | { file: string; head: Uint8Array };

/**
 * An image's format and size from its header, when its first bytes are one of the studio's raster
 * formats and the header agrees; undefined otherwise. Nothing is decoded, and anything else (SVG
 * above all) never reaches sharp.
 */
export async function rasterHeader(source: ImageSource): Promise<{ format: RasterFormat; width: number; height: number } | undefined> {
  const bytes = Buffer.isBuffer(source);
  const format = sniffRaster(bytes ? source.subarray(0, SNIFF_BYTES) : source.head);
  if (!format) return undefined;
  const sharp = await loadSharp();
  const meta = await sharp(bytes ? source : source.file).metadata().catch(() => undefined);
  return meta?.format === format && meta.width && meta.height ? { format, width: meta.width, height: meta.height } : undefined;
}

/** `head`: the file's first SNIFF_BYTES (all of it when shorter). */
export async function probeImage(file: string, head: Uint8Array): Promise<Probe | undefined> {
  const header = await rasterHeader({ file, head });
  return header && { width: header.width, height: header.height, contentType: RASTER_FORMATS[header.format] };
}

/** Needs ffprobe (ffmpeg); without it a video is stored with no duration, never refused. */
export async function probeVideo(file: string): Promise<Probe> {
  if (!(await toolStatus()).ffmpeg) return {};
  try {
    const { stdout } = await run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration", "-of", "json", file], { timeoutMs: 20_000 });
    const info = JSON.parse(stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
    const duration = Number(info.format?.duration);
    return {
      width: info.streams?.[0]?.width,
      height: info.streams?.[0]?.height,
      durationSec: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Duration of the first audio stream; undefined when there is none (not an audio file).
 * Returns "unknown" without ffprobe, so a machine without ffmpeg still accepts uploads.
 */
export async function probeAudio(file: string): Promise<Probe | undefined | "unknown"> {
  if (!(await toolStatus()).ffmpeg) return "unknown";
  try {
    const { stdout } = await run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name:format=duration", "-of", "json", file], { timeoutMs: 20_000 });
    const info = JSON.parse(stdout) as { streams?: { codec_name?: string }[]; format?: { duration?: string } };
    if (!info.streams?.length) return undefined;
    const duration = Number(info.format?.duration);
    return { durationSec: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : undefined };
  } catch {
    return undefined;
  }
}

/** A JPEG still from a second into the video (or its first frame), for thumbnails and share cards. */
export async function extractPoster(file: string, durationSec?: number): Promise<Buffer | undefined> {
  if (!(await toolStatus()).ffmpeg) return undefined;
  const out = `${file}.poster.jpg`;
  const at = durationSec && durationSec > 2 ? 1 : 0;
  try {
    await run("ffmpeg", ["-v", "error", "-y", "-ss", String(at), "-i", file, "-frames:v", "1", "-q:v", "3", out], { timeoutMs: 20_000 });
    return await readFile(out);
  } catch {
    return undefined;
  } finally {
    await rm(out, { force: true });
  }
}
