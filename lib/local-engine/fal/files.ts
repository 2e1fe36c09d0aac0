import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { dataDir } from "@/lib/env";
import { freeBytesAt, minFreeBytes } from "@/lib/disk";
import { declaredLength } from "@/lib/http/body";
import { isServableMedia } from "@/lib/http/file-headers";
import { LOCAL_FAL_PATH } from "@/lib/local-engine/address";
import { baseType, MEDIA_TYPES } from "@/lib/media/types";
import { processSingleton } from "@/lib/process-singleton";
import { RunError } from "./run-error";

/**
 * The engine's stand-in for fal's CDN: files under the data directory, served at /files/{id}/{name}.
 * An upload takes fal's two steps: initiate reserves an id for one media type (`{id}.pending.json`),
 * then one PUT to the upload URL streams the bytes (`{id}.part`, renamed to `{id}` once whole).
 * Nothing a caller starts stays on disk: a failed PUT removes its part, reservations expire.
 */

const MiB = 1024 * 1024;
/** More than any input a studio model reads; this disk is the studio's, not a CDN's. */
const MAX_UPLOAD_BYTES = 512 * MiB;
/** As long as a fal signed upload URL is good for (about an hour); after that the PUT is refused and the reservation swept. */
export const RESERVATION_TTL_MS = 60 * 60 * 1000;
/**
 * The studio itself holds one reservation per input file, for seconds. Past this many, the oldest
 * one not being written is given up for the new one: what callers can pile up stays bounded, and a
 * flood of reservations cannot lock everyone else's uploads out for an hour.
 */
const MAX_RESERVATIONS = 100;
/**
 * How long stored files (uploaded inputs, model outputs) are kept: as long as the engine keeps its
 * finished requests. The studio copies every output into its own media store at once, so nothing a
 * person keeps depends on these; without this the directory would only grow.
 */
export const FILE_TTL_MS = 24 * 60 * 60 * 1000;
const FILE_SWEEP_EVERY_MS = 60 * 60 * 1000;

const ID = /^[0-9a-f-]{36}$/;
const safeName = (name: string) => name.replace(/[^\w.-]+/g, "_").slice(-100) || "file";

const storedMeta = z.object({ contentType: z.string(), fileName: z.string() });
// A reservation made before uploads were media-only (or tampered with) fails this and is never honoured.
const reservationMeta = storedMeta.extend({ contentType: z.string().refine(isServableMedia), expiresAt: z.number() });
const initiateBody = z.object({ content_type: z.string().min(1).max(255), file_name: z.string().min(1) });

export function fileUrl(origin: string, id: string, fileName: string): string {
  return `${origin}${LOCAL_FAL_PATH}/files/${id}/${encodeURIComponent(safeName(fileName))}`;
}

export function uploadUrl(origin: string, id: string): string {
  return `${origin}${LOCAL_FAL_PATH}/files/upload/${id}`;
}


/** What a process knows of its uploads: plain data, so every bundle that loads this module can share it. */
type UploadState = {
  /** Outstanding reservations (id → expiry), so counting and sweeping them never lists the directory. */
  reservations: Map<string, number>;
  /** PUTs in flight (id → the bytes each may yet write), for the one-PUT rule and the free-space check. */
  writing: Map<string, number>;
  scanned?: Promise<void>;
  /** When old stored files were last looked for (the clock's ms). */
  filesSweptAt: number;
};
const newUploadState = (): UploadState => ({ reservations: new Map(), writing: new Map(), filesSweptAt: -Infinity });

export type FileStoreOptions = {
  root: string;
  state?: UploadState;
  now?: () => number;
  maxUploadBytes?: number;
  maxReservations?: number;
  freeBytes?: (dir: string) => Promise<number>;
  /** Left free after a write (STUDIO_MIN_FREE_MB). */
  minFree?: number;
};

export function createFileStore({
  root,
  state = newUploadState(),
  now = Date.now,
  maxUploadBytes = MAX_UPLOAD_BYTES,
  maxReservations = MAX_RESERVATIONS,
  freeBytes = freeBytesAt,
  minFree = minFreeBytes(),
}: FileStoreOptions) {
  const at = (name: string) => path.join(root, name);
  const { reservations, writing } = state;
  const tooLarge = () => new RunError(413, `File too large: uploads are limited to ${Math.round(maxUploadBytes / MiB)} MiB`);

  /** A live or expired reservation; none when missing, unreadable or not valid under today's rules. */
  async function readReservation(id: string) {
    const json: unknown = await readFile(at(`${id}.pending.json`), "utf8").then(JSON.parse).catch(() => undefined);
    const parsed = reservationMeta.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  async function end(id: string) {
    reservations.delete(id);
    await Promise.all([rm(at(`${id}.pending.json`), { force: true }), rm(at(`${id}.part`), { force: true })]);
  }

  /** Once per process, before any PUT writes: takes stock of reservations; parts found now are a crash's leftovers. */
  function scan(): Promise<void> {
    state.scanned ??= (async () => {
      const names = await readdir(root).catch((err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? [] : Promise.reject(err)));
      await Promise.all(
        names.map(async (name) => {
          if (name.endsWith(".part")) return rm(at(name), { force: true });
          const id = name.match(/^(.+)\.pending\.json$/)?.[1];
          if (!id) return;
          const reservation = await readReservation(id);
          if (reservation && reservation.expiresAt > now()) reservations.set(id, reservation.expiresAt);
          else await end(id);
        }),
      );
    })().catch((err: unknown) => {
      state.scanned = undefined;
      throw err;
    });
    return state.scanned;
  }

  /** Streams a body to `{id}.part` under the size limit; only a whole file gets its name and meta. */
  async function receive(id: string, body: ReadableStream<Uint8Array>, meta: z.infer<typeof storedMeta>) {
    const part = at(`${id}.part`);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > maxUploadBytes ? tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as NodeReadableStream), limit, createWriteStream(part));
      await writeFile(at(`${id}.json`), JSON.stringify(meta));
      await rename(part, at(id));
    } catch (err) {
      // Over the limit, cut off by the client or a failed write: what was written is of no use.
      await Promise.all([rm(part, { force: true }), rm(at(`${id}.json`), { force: true })]);
      if (err instanceof RunError && err.status === 413) await end(id);
      if ((err as NodeJS.ErrnoException).code === "ENOSPC") throw new RunError(507, "The disk is full");
      throw err;
    }
    await end(id);
  }

  /**
   * At engine start, on each reservation and each saved output: drops expired reservations (and, the
   * first time, stale parts); at most hourly, files older than FILE_TTL_MS.
   */
  async function sweep(): Promise<void> {
    await scan();
    const t = now();
    const expired = [...reservations].filter(([id, expiresAt]) => expiresAt <= t && !writing.has(id));
    await Promise.all(expired.map(([id]) => end(id)));
    if (t - state.filesSweptAt >= FILE_SWEEP_EVERY_MS) {
      state.filesSweptAt = t;
      // File times are the wall clock's, whatever clock the reservations run on.
      await removeOldFiles(Date.now() - FILE_TTL_MS);
    }
  }

  /** Stored files (and their meta) last written before `cutoff`. */
  async function removeOldFiles(cutoff: number) {
    const names = await readdir(root).catch(() => [] as string[]);
    await Promise.all(
      names.filter((n) => ID.test(n)).map(async (id) => {
        const info = await stat(at(id)).catch(() => undefined);
        if (info && info.mtimeMs < cutoff) await Promise.all([rm(at(id), { force: true }), rm(at(`${id}.json`), { force: true })]);
      }),
    );
  }

  return {
    sweep,

    /** fal's `storage/upload/initiate`: reserves an upload URL for one of the studio's media types. */
    async initiate(raw: unknown, origin: string): Promise<{ upload_url: string; file_url: string }> {
      const body = initiateBody.safeParse(raw);
      if (!body.success) {
        throw new RunError(422, body.error.issues.map((i) => ({ loc: ["body", ...i.path.map(String)], msg: i.message, type: i.code })));
      }
      const { content_type: contentType } = body.data;
      if (!isServableMedia(contentType)) {
        throw new RunError(415, `Uploads of ${contentType} are not accepted; allowed types: ${Object.keys(MEDIA_TYPES).join(", ")}`);
      }
      await sweep();
      // Oldest first: a Map keeps insertion order. One being written is never given up.
      for (const [oldest] of reservations) {
        if (reservations.size < maxReservations) break;
        if (!writing.has(oldest)) await end(oldest);
      }
      if (reservations.size >= maxReservations) throw new RunError(429, "Too many uploads in progress; try again in a moment");
      const id = randomUUID();
      const expiresAt = now() + RESERVATION_TTL_MS;
      const fileName = safeName(body.data.file_name);
      reservations.set(id, expiresAt);
      try {
        await mkdir(root, { recursive: true });
        await writeFile(at(`${id}.pending.json`), JSON.stringify({ contentType, fileName, expiresAt }));
      } catch (err) {
        reservations.delete(id);
        throw err;
      }
      return { upload_url: uploadUrl(origin, id), file_url: fileUrl(origin, id, fileName) };
    },

    /** The PUT to an upload URL: once, before it expires, with the reserved type, within the size and the free space. */
    async put(id: string, req: Request): Promise<void> {
      if (!ID.test(id)) throw new RunError(404, "Unknown upload");
      // Claimed before anything is awaited, so two PUTs racing to one URL cannot both write.
      if (writing.has(id)) throw new RunError(409, "Another upload to this URL is in progress");
      const declared = declaredLength(req.headers);
      writing.set(id, declared ?? maxUploadBytes);
      try {
        await scan();
        const reservation = await readReservation(id);
        if (!reservation) throw new RunError(404, "Unknown or finished upload");
        if (reservation.expiresAt <= now()) {
          await end(id);
          throw new RunError(404, "This upload URL has expired");
        }
        const sent = req.headers.get("content-type");
        if (sent && baseType(sent) !== baseType(reservation.contentType)) {
          throw new RunError(403, `This upload URL is signed for ${reservation.contentType}, not ${sent}`);
        }
        if (declared !== undefined && declared > maxUploadBytes) {
          await end(id);
          throw tooLarge();
        }
        if (!req.body) throw new RunError(400, "Empty upload");
        const claimed = [...writing.values()].reduce((a, b) => a + b, 0);
        if ((await freeBytes(root)) < claimed + minFree) {
          throw new RunError(507, "Not enough free disk space for this upload");
        }
        await receive(id, req.body, { contentType: reservation.contentType, fileName: reservation.fileName });
      } finally {
        writing.delete(id);
      }
    },

    /** A model's output, kept as fal's CDN keeps it: for a while (see FILE_TTL_MS), if the disk has room. */
    async save(data: Buffer, meta: z.infer<typeof storedMeta>): Promise<string> {
      await mkdir(root, { recursive: true });
      await sweep();
      if ((await freeBytes(root)) < data.length + minFree) throw new RunError(507, "Not enough free disk space to keep the output");
      const id = randomUUID();
      await writeFile(at(id), data);
      await writeFile(at(`${id}.json`), JSON.stringify({ ...meta, fileName: safeName(meta.fileName) }));
      return id;
    },

    async open(id: string): Promise<{ stream: ReadableStream; size: number; contentType: string } | undefined> {
      if (!ID.test(id)) return undefined;
      const info = await stat(at(id)).catch(() => undefined);
      if (!info) return undefined;
      const meta = storedMeta.safeParse(await readFile(at(`${id}.json`), "utf8").then(JSON.parse).catch(() => undefined));
      if (!meta.success) return undefined;
      return { stream: Readable.toWeb(createReadStream(at(id))) as ReadableStream, size: info.size, contentType: meta.data.contentType };
    },

    /** The bytes of one of these files (read from disk, no loopback hop), when `url` names one; a file over `maxBytes` is refused unread (413). */
    async readLocal(url: string, maxBytes: number): Promise<Buffer | undefined> {
      const match = new URL(url).pathname.match(new RegExp(`^${LOCAL_FAL_PATH}/files/([0-9a-f-]{36})/`));
      if (!match?.[1]) return undefined;
      const info = await stat(at(match[1])).catch(() => undefined);
      if (!info) return undefined;
      if (info.size > maxBytes) throw new RunError(413, `The file is ${Math.round(info.size / MiB)} MiB; models here read inputs of up to ${Math.round(maxBytes / MiB)} MiB`);
      return readFile(at(match[1])).catch(() => undefined);
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;

/**
 * The data directory's store. Its state is one per process; its code is each bundle's own, so the
 * errors it throws are the RunError that bundle's handler knows (instrumentation loads this module too).
 */
export const fileStore = (): FileStore =>
  createFileStore({
    root: path.join(dataDir(), "engine", "files"),
    state: processSingleton("engine-files", newUploadState),
  });
