import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, open, rm, statfs } from "node:fs/promises";
import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/http/body";

/**
 * The data directory's disk: the embedded database, uploads on their way to storage, media on disk
 * and the local engine's files all live there, so a full or read-only disk fails every job.
 * Health says so, and new files are refused before they are written rather than failing halfway.
 */

export type DiskStatus = { location: string; ok: boolean; freeBytes?: number; error?: string };

/** What every writer leaves free on this disk (STUDIO_MIN_FREE_MB): the database, media and the engine share it. */
export const minFreeBytes = () => env().STUDIO_MIN_FREE_MB * 1024 * 1024;

/** Free bytes, for this process, on the disk that holds `dir`. */
export async function freeBytesAt(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

const freeBytes = () => freeBytesAt(dataDir());

/** Writes, syncs and removes a small file: the only proof that writing works (permissions, read-only mounts, quotas). */
async function probeWrite(): Promise<void> {
  const dir = path.join(dataDir(), "tmp");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `.health-${randomUUID()}`);
  try {
    const handle = await open(file, "w");
    try {
      await handle.writeFile("ok");
      await handle.sync();
    } finally {
      await handle.close();
    }
  } finally {
    await rm(file, { force: true });
  }
}

export async function diskStatus(): Promise<DiskStatus> {
  const location = dataDir();
  try {
    await probeWrite();
    const free = await freeBytes();
    if (free < minFreeBytes()) {
      return { location, ok: false, freeBytes: free, error: `Only ${formatBytes(free)} free (STUDIO_MIN_FREE_MB asks for ${formatBytes(minFreeBytes())}).` };
    }
    return { location, ok: true, freeBytes: free };
  } catch (err) {
    return { location, ok: false, error: `Cannot write to the data directory: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Refuses (507) a file of up to `bytes` that would leave less than the minimum free. */
export async function assertRoomFor(bytes: number): Promise<void> {
  const free = await freeBytes().catch(() => undefined);
  if (free !== undefined && free - bytes < minFreeBytes()) {
    throw new AppError("insufficient_storage", `The studio's disk is nearly full (${formatBytes(free)} free); free some space and try again.`);
  }
}

/** Errors from the file system or the database that mean the disk is full or read-only. */
export function storageFailure(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : "";
  if (code === "ENOSPC" || code === "EDQUOT" || code === "SQLITE_FULL" || /database or disk is full/i.test(message)) {
    return new AppError("insufficient_storage", "The studio's disk is full; free some space and try again.");
  }
  if (code === "EROFS" || code === "EACCES" || code === "EPERM" || code === "ENOTDIR" || code === "SQLITE_READONLY") {
    return new AppError("unavailable", "The studio cannot write to its data directory; check its permissions and mounts.");
  }
  return undefined;
}
