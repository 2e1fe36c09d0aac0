/**
 * `npm run bench`: issue 11's table, Studio beside a bare Next 16 "anchor" app (bench/anchor, built
 * here), both forwarding to one mock fal upstream on loopback (bench/mock-upstream.ts). Each round
 * starts both apps cold and runs every server measure on each, alternating which goes first;
 * the table shows medians with their spread and the median of the per-round ratios.
 *
 *   npm run bench                       # 3 rounds, 2 Lighthouse runs each: ~4 min on 2 cores
 *   npm run bench -- --runs 7 --lighthouse-runs 5 --seconds 8
 *   npm run bench -- --stores           # also: history with 10,000 jobs on SQLite and PostgreSQL
 *   npm run bench -- --readme           # also: write the result into README.md's Performance section
 *
 * Studio is built when its build is missing or older than its sources (or with --build); the anchor
 * is built on every run.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { builtPages, type ChunkSizes, pageWeight } from "../bench/first-load-js";
import { jobFigures } from "../bench/jobs";
import { alternateLighthouse } from "../bench/lighthouse";
import { load } from "../bench/load";
import { cleanUp, nextBuild, repoRoot, startMockUpstream, startNext, tempDir, type NextServer } from "../bench/processes";
import { seedJobs } from "../bench/seed";
import { median } from "../bench/stats";
import { storesSection } from "../bench/stores";
import { markdown, ownRow, pairedRow, show, type Row } from "../bench/table";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "lighthouse-runs": { type: "string", default: "2" },
    seconds: { type: "string", default: "5" },
    "latency-requests": { type: "string", default: "400" },
    "history-jobs": { type: "string", default: "370" },
    "batch-jobs": { type: "string", default: "100" },
    "upload-mb": { type: "string", default: "16" },
    build: { type: "boolean", default: false },
    stores: { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [options]: issue 11's table, Studio beside the anchor (see README, Performance)
  --runs N               alternating rounds (3)          --lighthouse-runs N  per app and round, 0 skips (2)
  --seconds N            load per throughput figure (5)  --latency-requests N sequential proxy GETs (400)
  --history-jobs N       jobs seeded for /history (370)  --batch-jobs N       jobs in the batch row (100)
  --upload-mb N          size of each upload (16)        --build              rebuild Studio first
  --stores               also history with 10,000 jobs on SQLite and PostgreSQL
  --readme               write the result into README.md's Performance section`);
  process.exit(0);
}
const count = (name: keyof typeof args, min: number, max: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} takes a whole number from ${min} to ${max}`);
  return n;
};
const RUNS = count("runs", 1, 50);
const LIGHTHOUSE_RUNS = count("lighthouse-runs", 0, 20);
const SECONDS = count("seconds", 1, 60);
const LATENCY_REQUESTS = count("latency-requests", 100, 20_000);
const HISTORY_JOBS = count("history-jobs", 1, 100_000);
const BATCH_JOBS = count("batch-jobs", 1, 1000);
const UPLOAD_MB = count("upload-mb", 1, 24);
/**
 * Timed uploads per round and side, after one untimed: the first upload to a fresh server loads the
 * upload route's code (sharp among it) and ran at a fraction of the next ones' rate, and with three
 * per round, that one among them, the median swung 0.45–0.76× from round to round.
 */
const UPLOADS_PER_ROUND = 6;
const JOB_SIZE = 256;
const ENGINE_CONCURRENCY = 2; // STUDIO_LOCAL_CONCURRENCY's default, set explicitly below
const ANCHOR_DIR = path.join(repoRoot, "bench/anchor");

type Sides = { studio: number[]; anchor: number[] };
const sides = (): Sides => ({ studio: [], anchor: [] });
type Side = keyof Sides;

/** A valid PNG of about `mb` MB that compresses to nothing (stored deflate), unique per call. */
async function uploadPng(mb: number): Promise<Uint8Array<ArrayBuffer>> {
  const side = Math.floor(Math.sqrt((mb * 1024 * 1024) / 3));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer().then((b) => new Uint8Array(b));
}

/** Seconds to POST `body` to `url` and have it answered 2xx. */
async function postSeconds(url: string, body: Uint8Array<ArrayBuffer>): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "image/png" }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text.slice(0, 200)}`);
  return (performance.now() - t) / 1000;
}

/** As scripts/start.sh decides: no build yet, or a source newer than it (measuring old code helps no one). */
function studioBuildIsStale(): boolean {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const newer = (entry: string): boolean => {
    const full = path.join(repoRoot, entry);
    if (!existsSync(full)) return false;
    const stat = statSync(full);
    if (!stat.isDirectory()) return stat.mtimeMs > built;
    return readdirSync(full).some((child) => newer(path.join(entry, child)));
  };
  return ["app", "components", "lib", "hooks", "public", "next.config.mjs", "package-lock.json", "proxy.ts", "instrumentation.ts"].some(newer);
}

async function main() {
  const began = performance.now();
  const load0 = os.loadavg();
  const tmp = tempDir("studio-bench-");
  if (args.build || studioBuildIsStale()) {
    console.error("building Studio (next build)…");
    await nextBuild(repoRoot);
  }
  console.error("building the anchor (next build in bench/anchor)…");
  await nextBuild(ANCHOR_DIR);

  const upstream = await startMockUpstream();
  const dataDir = path.join(tmp, "studio");
  console.error(`seeding ${HISTORY_JOBS} jobs…`);
  const seeded = await seedJobs({ STUDIO_DATA_DIR: dataDir }, HISTORY_JOBS);
  const studioEnv = { STUDIO_ENGINE: "local", STUDIO_DATA_DIR: dataDir, STUDIO_INTERNAL_URL: upstream.origin };
  const anchorEnv = { BENCH_UPSTREAM_HOST: upstream.host };
  const statusPath = (id: string) => `/api/local/fal/queue.fal.run/fal-ai/flux/requests/${id}/status`;
  // The same fal status call: Studio maps fal's URL onto its upstream; the anchor is given the mapped URL.
  const proxyHeaders: Record<Side, () => Record<string, string>> = {
    studio: () => ({ "x-fal-target-url": `https://queue.fal.run/fal-ai/flux/requests/${randomUUID()}/status` }),
    anchor: () => ({ "x-fal-target-url": `${upstream.origin}${statusPath(randomUUID())}` }),
  };
  const studioPages = { image: "/image", history: "/history", share: `/s/${seeded.shareId}` };

  const m = {
    coldStart: sides(), rss: sides(), p50: sides(), p99: sides(), rps: sides(),
    image: sides(), history: sides(), share: sides(), upload: sides(),
  };
  const servers: Partial<Record<Side, NextServer>> = {};
  const start: Record<Side, () => Promise<NextServer>> = {
    studio: () => startNext(repoRoot, studioEnv, studioPages.image),
    anchor: () => startNext(ANCHOR_DIR, anchorEnv, "/"),
  };

  for (let round = 0; round < RUNS; round++) {
    const order: Side[] = round % 2 === 0 ? ["studio", "anchor"] : ["anchor", "studio"];
    console.error(`round ${round + 1}/${RUNS}: ${order.join(", ")} first…`);
    const each = async (fn: (side: Side, server: NextServer) => Promise<void>) => {
      for (const side of order) await fn(side, servers[side]!);
    };
    for (const side of order) {
      await servers[side]?.stop();
      const server = (servers[side] = await start[side]());
      m.coldStart[side].push(server.coldStartMs);
      await sleep(2000);
      m.rss[side].push(server.rssMb());
    }
    // Warm both (JIT, caches) before anything is timed.
    await each(async (side, s) => {
      await load({ origin: s.origin, path: "/api/fal/proxy", headers: proxyHeaders[side](), concurrency: 4, requests: 200 });
      for (const page of side === "studio" ? Object.values(studioPages) : ["/"]) await load({ origin: s.origin, path: page, concurrency: 2, requests: 20 });
    });
    await each(async (side, s) => {
      const r = await load({ origin: s.origin, path: "/api/fal/proxy", headers: proxyHeaders[side](), concurrency: 1, requests: LATENCY_REQUESTS });
      m.p50[side].push(r.p50);
      m.p99[side].push(r.p99);
    });
    await each(async (side, s) => {
      m.rps[side].push((await load({ origin: s.origin, path: "/api/fal/proxy", headers: proxyHeaders[side](), concurrency: 16, durationMs: SECONDS * 1000 })).perSecond);
    });
    await each(async (side, s) => {
      const pages = side === "studio" ? studioPages : { image: "/", history: "/", share: "/" };
      for (const key of ["image", "history", "share"] as const) {
        // The anchor has one page: measured once per round, it stands against each studio page.
        if (side === "anchor" && key !== "image") m[key].anchor.push(m.image.anchor.at(-1)!);
        else m[key][side].push((await load({ origin: s.origin, path: pages[key], concurrency: 10, durationMs: SECONDS * 1000 })).perSecond);
      }
    });
    await each(async (side, s) => {
      const url = side === "studio" ? `${s.origin}/api/uploads?kind=image` : `${upstream.origin}/sink`;
      const rates = [];
      for (let i = -1; i < UPLOADS_PER_ROUND; i++) {
        const png = await uploadPng(UPLOAD_MB); // new bytes each time: the store keeps one copy of identical files
        const mbPerSecond = png.length / 1024 / 1024 / (await postSeconds(url, png));
        if (i >= 0) rates.push(mbPerSecond); // the first warms up (see UPLOADS_PER_ROUND)
      }
      m.upload[side].push(median(rates));
    });
  }

  console.error("First Load JS of every page…");
  const chunks: ChunkSizes = new Map();
  const firstLoad: { page: string; kb: number }[] = [];
  for (const route of builtPages(repoRoot)) {
    const page = route.replace("[id]", seeded.jobId).replace("[shareId]", seeded.shareId);
    firstLoad.push({ page: route, kb: (await pageWeight(servers.studio!.origin, page, chunks)).gzipBytes / 1024 });
  }
  const anchorKb = (await pageWeight(servers.anchor!.origin, "/")).gzipBytes / 1024;

  if (LIGHTHOUSE_RUNS > 0) console.error("Lighthouse (mobile)…");
  const lighthouse = await alternateLighthouse({ studio: servers.studio!.origin + studioPages.image, anchor: servers.anchor!.origin + "/" }, LIGHTHOUSE_RUNS);
  await servers.studio!.stop();
  await servers.anchor!.stop();

  console.error("image jobs on the local engine…");
  const jobs = await startNext(repoRoot, { STUDIO_ENGINE: "local", STUDIO_DATA_DIR: path.join(tmp, "jobs"), STUDIO_LOCAL_LATENCY_MS: "0", STUDIO_LOCAL_CONCURRENCY: String(ENGINE_CONCURRENCY) }, "/api/health");
  const { single, batches } = await jobFigures(jobs.origin, { rounds: RUNS, batchJobs: BATCH_JOBS, size: JOB_SIZE, concurrency: ENGINE_CONCURRENCY }).finally(() => jobs.stop());

  const heaviest = firstLoad.reduce((a, b) => (b.kb > a.kb ? b : a));
  const lightest = firstLoad.reduce((a, b) => (b.kb < a.kb ? b : a));
  const rows: Row[] = [
    pairedRow("proxy status GET, p50 (same upstream)", m.p50.studio, m.p50.anchor, "ms", { at: "most", value: 1.1 }, 1),
    pairedRow("proxy status GET, p99", m.p99.studio, m.p99.anchor, "ms", { at: "most", value: 1.3 }, 1),
    pairedRow("proxy forwarded req/s, 16 concurrent", m.rps.studio, m.rps.anchor, "", { at: "least", value: 0.9 }),
    pairedRow("page req/s, 10 clients: `/image` vs the anchor's dynamic page", m.image.studio, m.image.anchor, "", { at: "least", value: 0.9 }),
    pairedRow(`page req/s, 10 clients: \`/history\` (${HISTORY_JOBS} jobs)`, m.history.studio, m.history.anchor, "", { at: "least", value: 0.7 }),
    pairedRow("page req/s, 10 clients: a share page", m.share.studio, m.share.anchor, "", { at: "least", value: 0.9 }),
    ownRow(`one image job ${JOB_SIZE}², end to end vs the generator's own time`, `${show(single.endToEnd, "ms")} vs ${show(single.generator, "ms")}`, "—", `overhead ${show(single.overhead, "ms")}`, median(single.overhead), { at: "most", value: 50, label: "overhead ≤ 50 ms" }, ""),
    ownRow(`${BATCH_JOBS} image jobs ${JOB_SIZE}², wall vs ideal`, `${show(batches.wall, "s", 1)} vs ${show(batches.ideal, "s", 1)}`, "—", show(batches.ratio, "×", 2), median(batches.ratio), { at: "most", value: 1.03 }, "×"),
    ownRow("First Load JS (gzip), heaviest page", `${heaviest.kb.toFixed(2)} KB (${heaviest.page}; lightest ${lightest.kb.toFixed(1)} KB)`, `${anchorKb.toFixed(1)} KB`, `${(heaviest.kb / anchorKb).toFixed(2)}×`, heaviest.kb, { at: "most", value: 190, label: "≤ 190 KB heaviest page" }, " KB"),
    pairedRow("cold start to first 200", m.coldStart.studio, m.coldStart.anchor, "ms", { at: "most", value: 1.3 }),
    pairedRow("idle RSS", m.rss.studio, m.rss.anchor, "MB", { at: "most", value: 1.3 }),
    pairedRow("storing a valid upload (anchor: plain Node reading the same bytes)", m.upload.studio, m.upload.anchor, "MB/s", { at: "least", value: 0.6 }),
  ];
  if (LIGHTHOUSE_RUNS > 0) {
    const perf = (side: Side) => lighthouse[side].map((r) => r.performance);
    const lcp = (side: Side) => lighthouse[side].map((r) => r.lcpMs / 1000);
    rows.push(
      ownRow("Lighthouse mobile `/image`: performance", show(perf("studio"), ""), show(perf("anchor"), ""), "—", median(perf("studio")), { at: "least", value: 95 }, ""),
      ownRow("Lighthouse mobile `/image`: LCP", show(lcp("studio"), "s", 2), show(lcp("anchor"), "s", 2), "—", median(lcp("studio")), { at: "most", value: 1.2 }, " s"),
    );
  }

  const cpus = os.cpus();
  // Other work on the machine moves absolute figures far more than ratios: say so where they are kept.
  const loaded = Math.max(load0[0]!, os.loadavg()[0]!) > cpus.length / 2;
  const report = [
    ...(loaded ? ["**Measured on a loaded machine** (load average above half the cores): read the ratios, not the absolute figures.", ""] : []),
    `${RUNS} alternating rounds (each: both apps started cold, then ${LATENCY_REQUESTS} sequential proxy GETs, ${SECONDS} s of load per throughput figure, ${UPLOADS_PER_ROUND} uploads of ${UPLOAD_MB} MB after one to warm up), ` +
      `${LIGHTHOUSE_RUNS} Lighthouse runs each; median (p25–p75 from 4 runs, else min–max). ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, Node ${process.version}, load average ${load0.map((l) => l.toFixed(1)).join(" ")} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end.`,
    "",
    markdown(rows),
    "",
    `First Load JS (gzip) of every page, from the served HTML's script chunks; the anchor's page: ${anchorKb.toFixed(1)} KB.`,
    "",
    "| page | KB |",
    "|---|---|",
    ...firstLoad.map((p) => `| \`${p.page}\` | ${p.kb.toFixed(2)} |`),
  ];
  if (args.stores) report.push("", ...(await storesSection(tmp)));
  const text = report.join("\n");
  console.log(`\n${text}\n`);
  console.error(`bench took ${((performance.now() - began) / 60_000).toFixed(1)} min`);
  if (args.readme) writeReadme(text);
}

/** Replaces what lies between the README's bench markers with this run's report. */
function writeReadme(text: string) {
  const file = path.join(repoRoot, "README.md");
  const readme = readFileSync(file, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${begin} … ${end} section`);
  writeFileSync(file, `${readme.slice(0, from + begin.length)}\n${text}\n${readme.slice(to)}`);
  console.error("README.md's Performance section updated");
}

let interrupted = false;
const interrupt = () => {
  interrupted = true;
  void cleanUp().finally(() => process.exit(130));
};
process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);
main()
  .catch((err: unknown) => {
    // Stopping the servers mid-measure fails that measure: not worth reporting after Ctrl-C.
    if (!interrupted) console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
