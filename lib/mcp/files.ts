import { openAsBlob } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { absolute } from "@/lib/jobs/public-record";
import { MEDIA_TYPES, parseMediaName } from "@/lib/media/types";
import { UPLOAD_KINDS, type UploadKind } from "@/lib/media/upload";
import type { Studio, StoredFile } from "@/lib/agent/studio";
import type { FileFields } from "./tool-input";

/** Files agents hand the tools, and files the tools hand back. */

/**
 * A file field as the API takes it: the store's own path. An absolute URL on this studio's origin
 * (what the tools answer) becomes its path; anything else is left for the API to refuse.
 */
export function storePath(value: string, origin: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  const url = new URL(value);
  return url.origin === new URL(origin).origin && parseMediaName(url.pathname) ? url.pathname : value;
}

/** The input with each of the task's file fields turned into a store path. */
export function withStorePaths<I extends Record<string, unknown>>(input: I, media: FileFields, origin: string): I {
  const out: Record<string, unknown> = { ...input };
  for (const { field } of media) if (typeof out[field] === "string") out[field] = storePath(out[field] as string, origin);
  return out as I;
}

/** A local file's type from its name: the first the upload kind takes with that extension. */
function typeFromName(file: string, kind: UploadKind): string | undefined {
  const ext = path.extname(file).slice(1).toLowerCase().replace(/^jpeg$/, "jpg");
  return (UPLOAD_KINDS[kind].types as readonly string[]).find((type) => MEDIA_TYPES[type] === ext);
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)(?:;[\w-]+=[\w.-]+)*;base64,(.*)$/s;

export const uploadFields = {
  kind: z.enum(Object.keys(UPLOAD_KINDS) as [UploadKind, ...UploadKind[]]).describe(`What the file is: "image" for ${UPLOAD_KINDS.image.label}, "audio" for ${UPLOAD_KINDS.audio.label}.`),
  data: z.string().max(40_000_000).optional().describe("The file as a data: URL (data:image/png;base64,…) or as plain base64 with `contentType`."),
  contentType: z.string().max(100).optional().describe("The file's type, e.g. image/png; needed with plain base64."),
};
/** Over stdio the agent runs on the same machine: it may name a file. Never over HTTP (that would read the server's files). */
export const localPathField = z.string().min(1).max(4096).optional().describe("Instead of `data`: the path of a file on this machine (absolute, or relative to where the studio command runs).");

export type UploadArgs = { kind: UploadKind; data?: string; contentType?: string; path?: string };

async function fileBlob(args: UploadArgs): Promise<Blob> {
  if (args.path !== undefined) {
    const full = path.resolve(args.path);
    const type = args.contentType ?? typeFromName(full, args.kind);
    if (!type) throw new AppError("unsupported", "Say the file's contentType; its name does not tell it.");
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) throw new AppError("not_found", `No file at ${args.path}.`);
    // Backed by the file, not read into memory: the store streams it and checks its size first.
    return openAsBlob(full, { type });
  }
  if (!args.data) throw new AppError("validation", "Give the file as `data` (a data: URL or base64).");
  const dataUrl = args.data.match(DATA_URL);
  const type = dataUrl?.[1] ?? args.contentType;
  if (!type) throw new AppError("validation", "Plain base64 needs its `contentType`.");
  const base64 = (dataUrl?.[2] ?? args.data).replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError("validation", "The file's data is not base64.");
  return new Blob([new Uint8Array(Buffer.from(base64, "base64"))], { type });
}

/** Stores the file as an upload would (its type and bytes checked); answers it with an absolute URL. */
export async function uploadFile(studio: Studio, args: UploadArgs): Promise<StoredFile> {
  if (args.path !== undefined && args.data !== undefined) throw new AppError("validation", "Give `data` or `path`, not both.");
  const stored = await studio.upload(await fileBlob(args), args.kind);
  return { ...stored, url: absolute(stored.url, studio.origin)! };
}
