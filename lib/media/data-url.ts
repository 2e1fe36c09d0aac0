import "server-only";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { RASTER_FORMATS, sniffRaster } from "@/lib/media/image-format";
import { TASK_DEFINITIONS, type Task } from "@/lib/tasks/registry";
import { storeUpload, type UploadKind } from "./upload";

/**
 * A file given inline as a `data:` URL where a job takes a file (POST /api/jobs, the worker, MCP):
 * decoded, stored exactly as an upload (storeUpload: the kind's types and size, the bytes must
 * decode) and replaced by its /api/media URL before the job is recorded. The JSON body limit
 * (256 KB) bounds what arrives this way; larger files go through /api/uploads.
 */

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s;

export const isDataUrl = (value: unknown): value is string => typeof value === "string" && value.startsWith("data:");

export function decodeDataUrl(url: string): { type: string; bytes: Buffer } {
  const m = DATA_URL.exec(url);
  if (!m) throw new AppError("validation", "This data: URL is malformed.");
  const base64 = m[2]!.split(";").includes("base64");
  let bytes: Buffer;
  try {
    bytes = base64 ? Buffer.from(m[3]!, "base64") : Buffer.from(decodeURIComponent(m[3]!), "latin1");
  } catch {
    throw new AppError("validation", "This data: URL is malformed (a % escape does not decode).");
  }
  return { type: m[1]!.trim().toLowerCase(), bytes };
}

/** An image is what its first bytes say, whatever it was called; audio keeps its declared type (it must still decode). */
export function mediaTypeOf(bytes: Uint8Array, kind: UploadKind, declared: string): string {
  if (kind !== "image") return declared;
  const format = sniffRaster(bytes.subarray(0, 12));
  return format ? RASTER_FORMATS[format] : declared;
}

type FileField = { field: string; kind: UploadKind };

/** A job input's file fields, by its task (none for an unknown task: the schema refuses it). */
function taskFiles(input: Record<string, unknown>): readonly FileField[] {
  const task = input.task;
  return typeof task === "string" && Object.hasOwn(TASK_DEFINITIONS, task) ? TASK_DEFINITIONS[task as Task].media : [];
}

/**
 * The body with every data: URL in its file fields (a job's, by its task, unless named) stored and
 * replaced; anything else is left for the schema.
 */
export async function storeDataUrls(raw: unknown, fields?: readonly FileField[]): Promise<unknown> {
  if (typeof raw !== "object" || raw === null) return raw;
  const input = raw as Record<string, unknown>;
  const out = { ...input };
  for (const { field, kind } of fields ?? taskFiles(input)) {
    const value = out[field];
    if (!isDataUrl(value)) continue;
    try {
      const { type, bytes } = decodeDataUrl(value);
      const stored = await storeUpload(Readable.from([bytes]), mediaTypeOf(bytes, kind, type), kind, bytes.length);
      out[field] = stored.url;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new AppError(err.code, `${field}: ${err.message}`, { [field]: err.message }, err.status);
    }
  }
  return out;
}
