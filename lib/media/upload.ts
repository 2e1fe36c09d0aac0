import "server-only";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { baseType } from "@/lib/media/types";
import { MAX_IMAGE_INPUT_PIXELS } from "@/lib/providers/catalog";
import { saveMedia, type StoredMedia } from "./store";

/**
 * What the studio takes as an upload, whoever sends it (the upload route, the worker, MCP): the
 * declared type must be one of the kind's, the size within its limit (checked from the declared
 * length before reading, and again while streaming), and the bytes must decode as that media.
 */
export const UPLOAD_KINDS = {
  image: { types: ["image/png", "image/jpeg", "image/webp"], maxBytes: 25 * 1024 * 1024, label: "an image (PNG, JPEG or WebP)" },
  audio: {
    types: ["audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/wav", "audio/x-wav", "audio/wave", "audio/webm", "audio/ogg", "audio/flac", "audio/x-flac", "video/webm", "video/mp4"],
    maxBytes: 100 * 1024 * 1024,
    label: "an audio file (MP3, WAV, M4A, OGG, FLAC or WebM)",
  },
} as const;
export type UploadKind = keyof typeof UPLOAD_KINDS;

export async function storeUpload(body: ReadableStream<Uint8Array> | Readable, contentType: string, kind: UploadKind, declaredBytes?: number): Promise<StoredMedia> {
  const rules = UPLOAD_KINDS[kind];
  const type = baseType(contentType);
  if (!(rules.types as readonly string[]).includes(type)) {
    throw new AppError("unsupported", `Please upload ${rules.label}; this file is ${type || "of an unknown type"}.`);
  }
  if ((declaredBytes ?? 0) > rules.maxBytes) throw new AppError("payload_too_large", `The file is larger than ${rules.maxBytes / 1024 / 1024} MB.`);
  // Recorded audio arrives as video/webm from some browsers; it is stored as audio.
  const storedType = type === "video/webm" && kind === "audio" ? "audio/webm" : type === "video/mp4" ? "audio/mp4" : type;
  return saveMedia(body, storedType, { maxBytes: rules.maxBytes, maxPixels: MAX_IMAGE_INPUT_PIXELS });
}
