import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { dataDir } from "@/lib/env";
import { isServableMedia } from "@/lib/http/file-headers";
import { LOCAL_FAL_PATH } from "@/lib/local-engine/address";
import { baseType, MEDIA_TYPES } from "@/lib/media/types";

/** The engine's stand-in for fal's CDN: files under the data directory, served at /files/{id}/{name}. */

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const root = () => path.join(dataDir(), "engine", "files");
const safeName = (name: string) => name.replace(/[^\w.-]+/g, "_").slice(-100) || "file";

type Meta = { contentType: string; fileName: string };

export function fileUrl(origin: string, id: string, fileName: string): string {
  return `${origin}${LOCAL_FAL_PATH}/files/${id}/${encodeURIComponent(safeName(fileName))}`;
}

export function uploadUrl(origin: string, id: string): string {
  return `${origin}${LOCAL_FAL_PATH}/files/upload/${id}`;
}

/** Reserves an id for a signed-URL style upload of one of the studio's media types: the PUT must come with this id. */
export async function reserveUpload(meta: Meta): Promise<string> {
  if (!isServableMedia(meta.contentType)) {
    throw new UploadError(415, `Uploads of ${meta.contentType} are not accepted; allowed types: ${Object.keys(MEDIA_TYPES).join(", ")}`);
  }
  const id = randomUUID();
  await mkdir(root(), { recursive: true });
  await writeFile(path.join(root(), `${id}.pending.json`), JSON.stringify({ ...meta, fileName: safeName(meta.fileName) }));
  return id;
}

export class UploadError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * Streams a PUT body to disk; a body over the limit is cut off with 413, never buffered. Like a
 * signed URL, it takes only the content type it was reserved for (or none).
 */
export async function completeUpload(id: string, body: ReadableStream<Uint8Array> | null, contentType: string | null): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new UploadError(404, "Unknown upload");
  const pending = path.join(root(), `${id}.pending.json`);
  const text = await readFile(pending, "utf8").catch(() => undefined);
  if (!text) throw new UploadError(404, "Unknown or finished upload");
  const meta = JSON.parse(text) as Meta;
  if (contentType && baseType(contentType) !== baseType(meta.contentType)) {
    throw new UploadError(403, `This upload URL is signed for ${meta.contentType}, not ${contentType}`);
  }
  if (!body) throw new UploadError(400, "Empty upload");
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > MAX_UPLOAD_BYTES ? new UploadError(413, "File too large") : null, chunk);
    },
  });
  const tmp = path.join(root(), `${id}.part`);
  await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream), limit, createWriteStream(tmp));
  await rename(tmp, path.join(root(), id));
  await rename(pending, path.join(root(), `${id}.json`));
}

export async function saveFile(data: Buffer, meta: Meta): Promise<string> {
  const id = randomUUID();
  await mkdir(root(), { recursive: true });
  await writeFile(path.join(root(), id), data);
  await writeFile(path.join(root(), `${id}.json`), JSON.stringify({ ...meta, fileName: safeName(meta.fileName) }));
  return id;
}

export async function openFile(id: string): Promise<{ stream: ReadableStream; size: number; meta: Meta } | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const file = path.join(root(), id);
  const info = await stat(file).catch(() => undefined);
  if (!info) return undefined;
  const meta = JSON.parse(await readFile(`${file}.json`, "utf8")) as Meta;
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream, size: info.size, meta };
}

/** Reads a local engine file straight from disk when the URL is ours (saves a loopback hop). */
export async function readLocalFile(url: string): Promise<Buffer | undefined> {
  const match = new URL(url).pathname.match(new RegExp(`^${LOCAL_FAL_PATH}/files/([0-9a-f-]{36})/`));
  if (!match?.[1]) return undefined;
  return readFile(path.join(root(), match[1])).catch(() => undefined);
}
