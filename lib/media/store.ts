import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { dataDir } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * The studio's own media store: files are streamed in (never held whole in memory), named by
 * their sha256, and served from `/api/media/<sha256>.<ext>`. Same bytes, same URL.
 */

export const MEDIA_TYPES: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/webm": "weba",
  "audio/ogg": "ogg",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};
const TYPE_OF_EXT: Record<string, string> = Object.fromEntries(
  Object.entries(MEDIA_TYPES).reverse().map(([type, ext]) => [ext, type]),
);

export type StoredMedia = { sha256: string; url: string; contentType: string; bytes: number };

const root = () => path.join(dataDir(), "media");
const fileFor = (sha: string, ext: string) => path.join(root(), sha.slice(0, 2), `${sha}.${ext}`);

/** The bare MIME type (`audio/webm;codecs=opus` → `audio/webm`). */
export const baseType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

export async function saveMedia(
  body: ReadableStream<Uint8Array> | Readable,
  contentType: string,
  maxBytes: number,
): Promise<StoredMedia> {
  const type = baseType(contentType);
  const ext = MEDIA_TYPES[type];
  if (!ext) throw new AppError("unsupported", `Files of type ${type || "unknown"} are not supported.`);
  await mkdir(root(), { recursive: true });
  const tmp = path.join(root(), `.upload-${randomUUID()}`);
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new AppError("payload_too_large", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.fromWeb(body as NodeWebStream<Uint8Array>);
  try {
    await pipeline(source, meter, createWriteStream(tmp));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (bytes === 0) {
    await rm(tmp, { force: true });
    throw new AppError("bad_request", "The file is empty.");
  }
  const sha256 = hash.digest("hex");
  const final = fileFor(sha256, ext);
  await mkdir(path.dirname(final), { recursive: true });
  await rename(tmp, final);
  return { sha256, url: `/api/media/${sha256}.${ext}`, contentType: type, bytes };
}

export function saveMediaBuffer(data: Buffer, contentType: string): Promise<StoredMedia> {
  return saveMedia(Readable.from([data]), contentType, Number.MAX_SAFE_INTEGER);
}

/** Resolves `/api/media/<sha>.<ext>` (or just the file name) to the file on disk. */
export async function locateMedia(nameOrUrl: string): Promise<{ path: string; size: number; contentType: string } | undefined> {
  const match = nameOrUrl.match(/([a-f0-9]{64})\.([a-z0-9]{2,5})$/);
  if (!match) return undefined;
  const [, sha, ext] = match as unknown as [string, string, string];
  const contentType = TYPE_OF_EXT[ext];
  if (!contentType) return undefined;
  const file = fileFor(sha, ext);
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { path: file, size: info.size, contentType } : undefined;
}

export async function readMediaBlob(url: string): Promise<Blob> {
  const found = await locateMedia(url);
  if (!found) throw new AppError("not_found", "The uploaded file is no longer available; upload it again.");
  const { readFile } = await import("node:fs/promises");
  return new Blob([new Uint8Array(await readFile(found.path))], { type: found.contentType });
}

/** Parses one `bytes=` range; undefined = whole file, "unsatisfiable" = 416. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const m = header.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** Serves a stored file with long immutable caching and Range support (206/416) so video seeks. */
export async function serveMedia(name: string, request: Request): Promise<Response> {
  const found = await locateMedia(name);
  if (!found) return new AppError("not_found", "No such media.").toResponse();
  const headers: Record<string, string> = {
    "content-type": found.contentType,
    "accept-ranges": "bytes",
    "cache-control": "public, max-age=31536000, immutable",
    etag: `"${name.split(".")[0]}"`,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  const range = parseRange(request.headers.get("range"), found.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${found.size}` } });
  }
  const { start, end } = range ?? { start: 0, end: found.size - 1 };
  const stream = Readable.toWeb(createReadStream(found.path, { start, end })) as ReadableStream;
  return new Response(request.method === "HEAD" ? null : stream, {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      "content-length": String(end - start + 1),
      ...(range ? { "content-range": `bytes ${start}-${end}/${found.size}` } : {}),
    },
  });
}
