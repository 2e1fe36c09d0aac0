import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, access } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { dataDir, env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Where media bytes live: the data directory by default, any S3-compatible bucket when S3_BUCKET
 * is set. Keys are content addresses (`<sha256>.<ext>`), so objects never change once written.
 */
export type ByteRange = { start: number; end: number };

export interface BlobStore {
  kind: "disk" | "s3";
  location: string;
  /** Takes ownership of a finished temp file. */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
  check(): Promise<void>;
}

function diskStore(): BlobStore {
  const root = path.join(dataDir(), "media");
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    kind: "disk",
    location: root,
    async putFile(key, file) {
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      await rename(file, fileOf(key));
    },
    async read(key, range) {
      // 1 MiB reads: fewer, larger chunks through the web stream (npm run bench: 174 → 222 MB/s).
      return createReadStream(fileOf(key), { ...range, highWaterMark: 1 << 20 });
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    async check() {
      await mkdir(root, { recursive: true });
      await access(root);
    },
  };
}

async function s3Store(): Promise<BlobStore> {
  const e = env();
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, HeadBucketCommand } = await import("@aws-sdk/client-s3");
  const { ConfiguredRetryStrategy } = await import("@smithy/util-retry");
  const { NodeHttpHandler } = await import("@smithy/node-http-handler");
  const { retryDelay } = await import("@/lib/http/policy");
  const client = new S3Client({
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    // Plain signed uploads: many S3-compatible servers do not take the SDK's default
    // aws-chunked uploads with trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
      : undefined,
    // The studio's one retry policy, in the SDK's own terms.
    retryStrategy: new ConfiguredRetryStrategy(e.STUDIO_HTTP_RETRIES + 1, (attempt) =>
      retryDelay(attempt - 1, { baseDelayMs: e.STUDIO_HTTP_BACKOFF_MS, maxDelayMs: 20_000 }),
    ),
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: e.STUDIO_HTTP_TIMEOUT_MS }),
  });
  const Bucket = e.S3_BUCKET!;
  const Key = (key: string) => `${e.S3_PREFIX}${key}`;
  return {
    kind: "s3",
    location: `s3://${Bucket}/${e.S3_PREFIX}${e.S3_ENDPOINT ? ` at ${new URL(e.S3_ENDPOINT).host}` : ""}`,
    async putFile(key, file, contentType) {
      const { size } = await stat(file);
      try {
        await client.send(new PutObjectCommand({
          Bucket, Key: Key(key), Body: createReadStream(file), ContentLength: size, ContentType: contentType,
          CacheControl: "public, max-age=31536000, immutable",
        }));
      } finally {
        await rm(file, { force: true });
      }
    },
    async read(key, range) {
      const res = await client.send(new GetObjectCommand({ Bucket, Key: Key(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      return res.Body as Readable;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}

export function blobStore(): Promise<BlobStore> {
  return processSingleton("blob-store", () => (env().S3_BUCKET ? s3Store() : Promise.resolve(diskStore())));
}

export async function blobStoreStatus(): Promise<{ kind: "disk" | "s3"; location: string; ok: boolean; error?: string }> {
  const store = await blobStore();
  try {
    await store.check();
    return { kind: store.kind, location: store.location, ok: true };
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const message = err instanceof Error ? err.message || name : String(err);
    return { kind: store.kind, location: store.location, ok: false, error: message };
  }
}
