import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Studio } from "@/lib/agent/studio";
import { decodeDataUrl, isDataUrl, mediaTypeOf } from "@/lib/media/data-url";
import { MEDIA_TYPES, parseMediaName } from "@/lib/media/types";
import type { UploadKind } from "@/lib/media/upload";
import { UsageError } from "./flags";

/**
 * A file flag's value as the studio takes it: a file in the studio's store stays as it is (also
 * given as its absolute URL); a local path or a data: URL is uploaded first (checked as an upload).
 */

/** Stands in for a file not uploaded yet, so the rest of the input is checked before anything is sent. */
export const PENDING_FILE = `/api/media/${"0".repeat(64)}.png`;

const storedPath = (value: string) => {
  const pathname = /^https?:\/\//i.test(value) ? new URL(value).pathname : value;
  return pathname.startsWith("/api/media/") && parseMediaName(pathname) ? pathname : undefined;
};

const typeByExtension = (file: string) => Object.entries(MEDIA_TYPES).find(([, ext]) => ext === path.extname(file).slice(1).toLowerCase())?.[0] ?? "";

/** The bytes and type of a local file or a data: URL; a path that cannot be read is the caller's mistake. */
export async function readLocal(value: string, kind: UploadKind, flag: string): Promise<Blob> {
  if (isDataUrl(value)) {
    const { type, bytes } = decodeDataUrl(value);
    return new Blob([new Uint8Array(bytes)], { type: mediaTypeOf(bytes, kind, type) });
  }
  const bytes = await readFile(value).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`${flag}: cannot read ${value} (${err.code ?? err.message})`);
  });
  return new Blob([new Uint8Array(bytes)], { type: mediaTypeOf(bytes, kind, typeByExtension(value)) });
}

/** The value to check the input with, before any upload. */
export function checkable(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return storedPath(value) ?? (/^https?:\/\//i.test(value) ? value : PENDING_FILE);
}

export async function resolveFile(studio: Studio, value: unknown, kind: UploadKind, flag: string, log: (line: string) => void): Promise<unknown> {
  if (typeof value !== "string") return value;
  const stored = storedPath(value);
  if (stored || /^https?:\/\//i.test(value)) return stored ?? value;
  const blob = await readLocal(value, kind, flag);
  const saved = await studio.upload(blob, kind);
  log(`uploaded ${isDataUrl(value) ? "a data: URL" : value} as ${saved.url}`);
  return saved.url;
}
