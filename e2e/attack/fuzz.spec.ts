import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type TestInfo } from "@playwright/test";
import { TEST_KEYS } from "../../playwright.config";
import { apiRoutes, fillRoute, type ApiRoute, type HttpMethod } from "../support/api-routes";
import { fc, materialize, sampleBodies, seedFor, type BodyProfile, type FuzzBody } from "../support/fuzz-bodies";
import { resetPeakMemory, startIsolatedServer, type IsolatedServer, type ProcessMemory } from "../support/own-server";
import { Inspector, inspectorUrl, type MemoryUsage } from "../support/inspector";
import { pool, sendRaw, type RawRequest, type RawResult } from "../support/raw-http";

/**
 * Fuzzes every API route the file system defines, with every method it exports: at least 500
 * generated bad bodies each (fast-check, fixed seed), then malformed paths. The server must answer
 * every request, never with a 5xx, and with a JSON error body for 4xx; its memory must come back
 * near where it was before.
 *
 * Runs against a server of its own (own data directory), never the shared test server.
 * Reproduce a failure with the same FUZZ_SEED (default below); the report names each failing
 * request and test-results/attack-fuzz.json holds the figures.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_514);
const BODIES_PER_ROUTE_METHOD = 500;
const CONCURRENCY = 8;
/** A request not fully answered by then counts as a hang. */
const REQUEST_TIMEOUT_MS = 20_000;
/**
 * Memory is read right after a forced full GC (through the server's inspector), before the fuzz
 * (after a warm-up) and after it (after a short settle): what the server still holds, not what V8
 * and malloc have not bothered to give back yet. Without the forced GC, RSS after the fuzz sits
 * at its peak (≈ +200–250 MB here) for 20 s and more, with the live JS heap at ≈ 50 MB all along:
 * V8 keeps its grown heap committed until its memory reducer runs, which idleness does not reliably
 * trigger (measured with --trace-gc).
 *
 * Bounds, measured on today's server (2 cores, alone and beside the cross-site spec; 11,000 bodies
 * of which ~150 are 1–4 MB and ~260 are 256 KiB ± a few bytes, ~450 MB in all). After forced GC:
 * baseline RSS ≈ 145–155 MB, live ≈ 47 MB; peak RSS ≈ +230–280 MB; after: RSS ≈ +55–100 MB, live
 * ≈ +8–10 MB.
 * - live memory (V8 heap used + external + array buffers) may grow by MAX_LIVE_GROWTH_MB, a few
 *   times what caches and compiled code add; keeping a tenth of the bodies would exceed it;
 * - RSS may grow by MAX_RSS_GROWTH_MB (the brief's bound): what stays above the live memory is
 *   malloc's (freed, not returned to the system) and V8's code and metadata; keeping the huge
 *   bodies alone would be ~370 MB.
 */
const MAX_LIVE_GROWTH_MB = 40;
const MAX_RSS_GROWTH_MB = 150;
const SETTLE_MS = 3_000;

const KEY = TEST_KEYS.fal;
const OPENAI_KEY = TEST_KEYS.openai;

/** Routes and methods that exist today: the enumeration must find at least these. */
const TODAY: Record<string, HttpMethod[]> = {
  "/api/control/map": ["POST"],
  "/api/fal/proxy": ["GET", "POST", "PUT"],
  "/api/health": ["GET"],
  "/api/jobs": ["GET", "POST"],
  "/api/jobs/[id]": ["GET", "DELETE"],
  "/api/jobs/[id]/cancel": ["POST"],
  "/api/jobs/[id]/rerun": ["POST"],
  "/api/jobs/[id]/share": ["POST", "DELETE"],
  "/api/local/control": ["GET", "POST"],
  "/api/local/fal/[...path]": ["GET", "POST", "PUT"],
  "/api/local/openai/v1/chat/completions": ["POST"],
  "/api/mcp": ["GET", "POST", "DELETE"],
  "/api/media/[name]": ["GET", "HEAD"],
  "/api/prompts": ["POST"],
  "/api/text": ["POST"],
  "/api/uploads": ["POST"],
};

// ---- what each route's body looks like (field names and types from its zod schema) ----

const ENGINE_FIELDS: BodyProfile["fields"] = {
  prompt: "string",
  negative_prompt: "string",
  image_size: "size",
  num_inference_steps: "number",
  guidance_scale: "number",
  seed: "number",
  num_images: "number",
  enable_safety_checker: "boolean",
  output_format: "string",
  image_url: "string",
  mask_url: "string",
  strength: "number",
  audio_url: "string",
  duration: "string",
  aspect_ratio: "string",
  content_type: "string",
  file_name: "string",
};

/** lib/jobs/schema.ts, lib/local-engine/*, app/api/local/control/route.ts. Unknown routes get no fields. */
function profileFor(route: ApiRoute): BodyProfile {
  switch (route.pattern) {
    case "/api/jobs":
      return {
        // `model` is validated by every task's schema, so a wrong-typed one makes any object invalid.
        poison: ["model"],
        fields: {
          task: "string", model: "string", prompt: "string", negativePrompt: "string", imageSize: "size", steps: "number",
          guidance: "number", seed: "number", numImages: "number", sourceImage: "string", strength: "number", image: "string",
          mask: "string", startImage: "string", duration: "string", aspectRatio: "string", audio: "string", mode: "string", language: "string",
        },
      };
    case "/api/prompts":
      return { poison: ["idea"], fields: { idea: "string", target: "string", count: "number", style: "string" } };
    case "/api/text":
      return { poison: ["prompt"], fields: { task: "string", model: "string", prompt: "string", system: "string", temperature: "number", maxTokens: "number", reasoning: "boolean" } };
    case "/api/local/control":
      return { poison: ["latencyMs"], fields: { latencyMs: "number", failureRate: "number", concurrency: "number" } };
    case "/api/local/fal/[...path]":
    case "/api/fal/proxy":
      // prompt: every submit family fuzzed here takes one; content_type/file_name: storage initiate.
      return { poison: ["prompt", "content_type", "file_name"], fields: ENGINE_FIELDS };
    case "/api/local/openai/v1/chat/completions":
      return { poison: ["messages"], fields: { model: "string", messages: "array", stream: "boolean", stream_options: "object", temperature: "number" } };
    case "/api/uploads":
      return { poison: [], fields: {}, upload: true };
    default:
      return { poison: [], fields: {} };
  }
}

const WRONG_TASKS = ["", "IMAGE", "images", "prompts", "image ", "inpaint\u0000", 1, null, [], {}, "__proto__", "constructor", "toString"];

// ---- real values for dynamic segments, and garbage ----

type Fixtures = {
  doneJob: string;
  promptsJob: string;
  activeJob: string;
  mediaName: string;
  doneRequest: string;
  activeRequest: string;
  engineFile: string;
  uploadId: string;
};

/** Never empty: an empty segment changes the route (`/api/jobs//share`), which is the malformed-path part's job. */
const garbageSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.uuid(),
  fc.constantFrom("0", "-1", "null", "undefined", "%00", "..%2f..%2f", "a".repeat(300), "%E2%80%AE", "%20", "0".repeat(64) + ".png", "f".repeat(64) + ".exe"),
);

function realPaths(f: Fixtures): Record<"GET" | "POST" | "PUT", string[]> {
  const req = (id: string) => `queue.fal.run/fal-ai/flux/requests/${id}`;
  return {
    GET: [`${req(f.doneRequest)}/status`, `${req(f.doneRequest)}/status?logs=1`, `${req(f.doneRequest)}/status/stream`, req(f.doneRequest), `${req(f.activeRequest)}/status`, `files/${f.engineFile}/x.png`],
    POST: ["queue.fal.run/fal-ai/flux/schnell", "fal.run/fal-ai/flux/schnell", "rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", "queue.fal.run/fal-ai/flux/dev/image-to-image"],
    // Cancel only the finished request (400 ALREADY_COMPLETED): the active one must stay active.
    PUT: [`${req(f.doneRequest)}/cancel`, `files/upload/${f.uploadId}`, `files/upload/${randomUUID()}`],
  };
}

function proxyTargets(f: Fixtures): Record<"GET" | "POST" | "PUT", string[]> {
  const paths = realPaths(f);
  const fal = (p: string) => `https://${p}`;
  return {
    GET: paths.GET.filter((p) => !p.startsWith("files/") && !p.endsWith("/stream")).map(fal),
    POST: paths.POST.map(fal),
    PUT: [fal(`queue.fal.run/fal-ai/flux/requests/${f.doneRequest}/cancel`)],
  };
}

const junkTargets = fc.constantFrom(
  "",
  "not a url",
  "https://evil.example.com/fal-ai/flux/schnell",
  "https://queue.fal.run/fal-ai/flux/schnell?x=%ff",
  "https://queue.fal.run:444/fal-ai/flux/schnell",
  "https://user:pw@queue.fal.run/fal-ai/flux/schnell",
  "https://queue.fal.run/fal-ai/flux/requests/../../x",
  "https://queue.fal.run/fal-ai/flux/requests/%ff/status",
  "https://rest.fal.ai/storage/upload/initiate",
  "javascript:alert(1)",
  "http://127.0.0.1:1/",
  "https://queue.fal.run/" + "a".repeat(5000),
);

const methodKey = (m: HttpMethod): "GET" | "POST" | "PUT" => (m === "POST" || m === "PUT" ? m : "GET");

/** One route × method's path, headers and query arbitrary (the body comes separately). */
function requestShape(route: ApiRoute, method: HttpMethod, f: Fixtures): fc.Arbitrary<{ path: string; headers: Record<string, string> }> {
  const dynamic: Record<string, fc.Arbitrary<string>> = {};
  for (const seg of route.segments) {
    if (seg.kind === "static") continue;
    if (seg.kind === "catchAll") {
      const mine = realPaths(f)[methodKey(method)];
      const all = Object.values(realPaths(f)).flat();
      dynamic[seg.name] = fc.oneof(
        { weight: 14, arbitrary: fc.constantFrom(...mine) },
        { weight: 3, arbitrary: fc.constantFrom(...all) },
        { weight: 3, arbitrary: fc.array(garbageSegment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/")) },
      );
    } else {
      const real =
        seg.name === "name" ? f.mediaName
        : route.pattern.endsWith("/rerun") ? f.promptsJob // a prompt draft cannot be re-run (400): no new job per request
        : route.pattern === "/api/jobs/[id]" && method === "DELETE" ? f.activeJob // an active job cannot be deleted (409)
        : f.doneJob;
      dynamic[seg.name] = fc.oneof({ weight: 8, arbitrary: fc.constant(real) }, { weight: 2, arbitrary: garbageSegment });
    }
  }
  const segs = Object.keys(dynamic).length ? fc.record(dynamic) : fc.constant({} as Record<string, string>);

  const junkQuery = fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("%ff", "-1", "1e309", "x".repeat(3000))), { maxKeys: 4 });
  let query: fc.Arbitrary<Record<string, string> | null> = fc.option(junkQuery, { freq: 6 });
  if (route.pattern === "/api/uploads") {
    query = fc.oneof({ weight: 17, arbitrary: fc.constantFrom({ kind: "image" }, { kind: "audio" }) }, { weight: 3, arbitrary: junkQuery });
  } else if (route.pattern === "/api/jobs" && method === "GET") {
    query = fc.record(
      {
        task: fc.constantFrom("image", "video", "prompts", "IMAGE", "", "%ff", "x".repeat(300)),
        status: fc.constantFrom("active", "done", "queued", "nope", ""),
        q: fc.oneof(fc.string({ maxLength: 50 }), fc.constant("%"), fc.constant("_"), fc.constant("x".repeat(201)), fc.constant("' OR 1=1 --")),
        cursor: fc.oneof(fc.string({ maxLength: 50 }), fc.base64String({ maxLength: 200 }), fc.constant("x".repeat(201))),
        limit: fc.constantFrom("1", "100", "101", "0", "-1", "1.5", "NaN", "1e309", "99999999999999999999", ""),
      },
      { requiredKeys: [] },
    );
  }

  const auth = fc.oneof(
    { weight: 17, arbitrary: fc.constant(route.pattern.includes("/openai/") ? `Bearer ${OPENAI_KEY}` : `Key ${KEY}`) },
    { weight: 3, arbitrary: fc.constantFrom<string | null>(null, "Key wrong", "Bearer wrong", "Key " + "a".repeat(5000), "Basic Zm9vOmJhcg==", "Key") },
  );
  let headers: fc.Arbitrary<Record<string, string>> = fc.constant({});
  if (route.pattern.startsWith("/api/local/fal/") || route.pattern.startsWith("/api/local/openai/")) {
    headers = auth.map((a) => (a ? { authorization: a } : ({} as Record<string, string>)));
  } else if (route.pattern === "/api/fal/proxy") {
    const targets = proxyTargets(f)[methodKey(method)];
    headers = fc
      .record({ target: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...targets) }, { weight: 2, arbitrary: junkTargets }), auth: fc.option(fc.constantFrom("Key wrong", "Bearer x"), { freq: 5 }) })
      .map(({ target, auth: a }) => ({ ...(target ? { "x-fal-target-url": target } : {}), ...(a ? { authorization: a } : {}) }));
  } else if (route.pattern.startsWith("/api/media/")) {
    headers = fc
      .record({
        range: fc.option(fc.constantFrom("bytes=0-0", "bytes=-0", "bytes=5-2", "bytes=0-99999999999999999999999", "bytes=99999999999999999999-", "bytes=-", "bytes=0-1,2-3", "items=0-1", "bytes=" + "9".repeat(400) + "-"), { freq: 2 }),
        etag: fc.option(fc.constantFrom('"x"', "*", "\"" + "f".repeat(64) + "\""), { freq: 8 }),
      })
      .map(({ range, etag }) => ({ ...(range ? { range } : {}), ...(etag ? { "if-none-match": etag } : {}) }));
  }

  return fc.record({ segs, query, headers }).map(({ segs: values, query: q, headers: h }) => {
    let p = fillRoute(route, values);
    if (q && Object.keys(q).length) p += (p.includes("?") ? "&" : "?") + new URLSearchParams(q).toString();
    return { path: p, headers: h };
  });
}

// ---- bookkeeping ----

type Tally = { tried: number; s2xx: number; s3xx: number; s4xx: number; s5xx: number; hangs: number; errors: number; nonJson4xx: number; maxMs: number; retried: number };
const newTally = (): Tally => ({ tried: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, hangs: 0, errors: 0, nonJson4xx: 0, maxMs: 0, retried: 0 });

type Failure = { key: string; method: string; path: string; label?: string; contentType?: string | null; bodyPreview?: string; status?: number; answer: string };

function isJsonBody(res: Extract<RawResult, { ok: true }>): boolean {
  if (!String(res.headers["content-type"] ?? "").includes("json")) return false;
  try {
    JSON.parse(res.body.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

const preview = (b: Buffer | undefined, n = 200) => (b ? JSON.stringify(b.subarray(0, n).toString("latin1")) + (b.length > n ? ` … (${b.length} bytes)` : "") : "(none)");

class Recorder {
  readonly tallies = new Map<string, Tally>();
  readonly fiveHundreds: Failure[] = [];
  readonly hangs: Failure[] = [];
  readonly clientErrors: Failure[] = [];
  readonly nonJson: Failure[] = [];
  /** 2xx answers to POST/PUT/DELETE: bodies that were valid after all (reported, not a failure). */
  readonly acceptedWrites: Failure[] = [];

  record(key: string, req: RawRequest & { label?: string; contentType?: string | null }, res: RawResult, expectJson: boolean) {
    const t = this.tallies.get(key) ?? newTally();
    this.tallies.set(key, t);
    t.tried++;
    t.maxMs = Math.max(t.maxMs, res.ms);
    if (res.retried) t.retried++;
    const base = { key, method: req.method, path: req.path.length > 300 ? `${req.path.slice(0, 300)}… (${req.path.length} chars)` : req.path, label: req.label, contentType: req.contentType, bodyPreview: preview(req.body) };
    if (!res.ok) {
      if (res.timedOut) {
        t.hangs++;
        this.hangs.push({ ...base, answer: res.error });
      } else {
        t.errors++;
        this.clientErrors.push({ ...base, answer: res.error });
      }
      return;
    }
    const s = res.status;
    if (s >= 500) {
      t.s5xx++;
      this.fiveHundreds.push({ ...base, status: s, answer: `${res.headers["content-type"] ?? "no content-type"}: ${preview(res.body)}` });
    } else if (s >= 400) {
      t.s4xx++;
      if (expectJson && req.method !== "HEAD" && !isJsonBody(res)) {
        t.nonJson4xx++;
        this.nonJson.push({ ...base, status: s, answer: `${res.headers["content-type"] ?? "no content-type"}: ${preview(res.body)}` });
      }
    } else if (s >= 300) t.s3xx++;
    else {
      t.s2xx++;
      if (req.method !== "GET" && req.method !== "HEAD") this.acceptedWrites.push({ ...base, status: s, answer: preview(res.body, 120) });
    }
  }
}

/** Groups failures by route × method (or any key), with a count and one sample each. */
function grouped(failures: Failure[], by: (f: Failure) => string = (f) => f.key) {
  const groups = new Map<string, { count: number; statuses: Record<string, number>; sample: Failure }>();
  for (const f of failures) {
    const k = by(f);
    const g = groups.get(k) ?? { count: 0, statuses: {}, sample: f };
    g.count++;
    const st = String(f.status ?? f.answer.slice(0, 40));
    g.statuses[st] = (g.statuses[st] ?? 0) + 1;
    groups.set(k, g);
  }
  return Object.fromEntries([...groups.entries()].sort());
}

// ---- malformed paths ----

type MalformedCase = { key: string; method: HttpMethod; path: string; routed: boolean; what: string };

/**
 * Values a dynamic segment gets that are not valid (or not plain) percent-encoding. The last
 * column says whether the route handler still answers: raw non-ASCII bytes in the request line
 * are refused by Node's HTTP parser (400, empty body) before Next sees them.
 */
const BAD_SEGMENTS: [string, string, boolean][] = [
  ["%ff", "invalid UTF-8 escape", true],
  ["%", "lone percent", true],
  ["%zz", "non-hex escape", true],
  ["%c0%ae", "overlong UTF-8 dot", true],
  ["%00", "NUL", true],
  ["%e2%82", "truncated UTF-8 sequence", true],
  ["%ff%fe%fd", "invalid UTF-8 bytes", true],
  ["abc%", "trailing percent", true],
  ["%F0%9F%98%80", "valid emoji escape", true],
  ["a".repeat(10_240), "10 kB segment", true],
  ["%ff".repeat(3_400), "10 kB of bad escapes", true],
  ["a%20b", "escaped space", true],
  ["%5c..%5c", "escaped backslashes", true],
  [Buffer.from("é😀‮", "utf8").toString("latin1"), "raw UTF-8 bytes", false],
];

const BAD_QUERIES: [string, string][] = [
  ["%ff", "bad escape as query"],
  ["%", "lone percent query"],
  ["a=%zz&b=%", "bad escapes in values"],
  ["%00=%00", "NUL key and value"],
  ["&&&==&=", "empty pairs"],
  ["limit=%ff&task=%c0%ae&cursor=%&kind=%ff&q=%e2%82", "bad escapes in known keys"],
  [`q=${"x".repeat(10_240)}`, "10 kB query value"],
  [`${"k".repeat(2_000)}=${"%ff".repeat(1_000)}`, "long key, bad escapes"],
];

function malformedPaths(routes: ApiRoute[], f: Fixtures): MalformedCase[] {
  const cases: MalformedCase[] = [];
  for (const route of routes) {
    for (const method of route.methods) {
      const key = route.pattern;
      const real: Record<string, string> = {};
      for (const seg of route.segments) {
        if (seg.kind === "catchAll") real[seg.name] = realPaths(f)[methodKey(method)][0]!;
        else if (seg.kind === "dynamic") real[seg.name] = seg.name === "name" ? f.mediaName : route.pattern.endsWith("/rerun") ? f.promptsJob : method === "DELETE" && route.pattern === "/api/jobs/[id]" ? f.activeJob : f.doneJob;
      }
      const base = fillRoute(route, real);
      const add = (p: string, routed: boolean, what: string) => cases.push({ key, method, path: p, routed, what });

      // The route still matches; only a dynamic value or the query is bad: the route handler answers.
      for (const seg of route.segments) {
        if (seg.kind === "static") continue;
        for (const [bad, what, routed] of BAD_SEGMENTS) {
          if (seg.kind === "catchAll") {
            add(fillRoute(route, { ...real, [seg.name]: bad }), routed, `[...${seg.name}] = ${what}`);
            add(fillRoute(route, { ...real, [seg.name]: `${real[seg.name]!.split("?")[0]}/${bad}` }), routed, `[...${seg.name}] + ${what}`);
            add(fillRoute(route, { ...real, [seg.name]: `queue.fal.run/${bad}/flux/schnell` }), routed, `[...${seg.name}] with ${what} inside`);
          } else {
            add(fillRoute(route, { ...real, [seg.name]: bad }), routed, `[${seg.name}] = ${what}`);
          }
        }
      }
      for (const [q, what] of BAD_QUERIES) add(`${base}${base.includes("?") ? "&" : "?"}${q}`, true, what);

      // The path no longer has the route's shape: Next's router answers (404 page, redirect); no 5xx.
      // Suffixes glued to a last dynamic segment stay part of its value, so that route still answers.
      const [pathOnly] = base.split("?") as [string];
      const parts = pathOnly.split("/");
      const endsDynamic = route.segments.at(-1)?.kind !== "static";
      add(`${pathOnly}/..`, false, "trailing ..");
      add(`${pathOnly}/../${parts.at(-1)}`, false, ".. and back");
      add(`/api/../${pathOnly.slice(5)}`, false, "/api/../…");
      add(`${pathOnly}/%2e%2e/%2e%2e/health`, false, "escaped .. segments");
      add(pathOnly.replace("/api/", "/api//"), false, "double slash");
      add(`/${pathOnly}`, false, "leading double slash");
      add(`${pathOnly}/`, false, "trailing slash");
      add(`${pathOnly}//`, false, "trailing double slash");
      add(`${pathOnly}/%ff`, route.segments.at(-1)?.kind === "catchAll", "extra bad segment");
      add(`${pathOnly};jsessionid=%ff`, endsDynamic, "matrix parameter");
      add(`${pathOnly}%3f%23`, endsDynamic, "escaped ? and #");
      add(pathOnly.replace("/api/", "/api/%ff/"), false, "bad escape in a static segment");
      add(pathOnly.replace("/api/", `/api/${Buffer.from("ünïcödé", "utf8").toString("latin1")}/`), false, "raw UTF-8 static segment");
      add(`/api/${"a".repeat(10_240)}`, false, "10 kB static segment");
      add(`${pathOnly}#fragment`, false, "fragment sent to the server");
    }
  }
  return cases;
}

// ---- memory ----

type Measured = { proc: ProcessMemory; live: MemoryUsage };
type MemoryFigures = {
  baseline: Measured;
  /** RSS right before the forced GC at the end: what it would read without one. */
  afterBeforeGcRssMb: number;
  after: Measured;
  peakRssMb: number;
  hwmMb: number;
  hwmReset: boolean;
};
const MB = 1024 * 1024;
const liveMb = (u: MemoryUsage) => (u.heapUsed + u.external + u.arrayBuffers) / MB;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the spec ----

test.describe("fuzzing every API route", () => {
  test("the route enumeration finds every route of app/api with the methods it exports", () => {
    const routes = apiRoutes();
    const found = Object.fromEntries(routes.map((r) => [r.pattern, r.methods]));
    expect(routes.length, "routes found under app/api").toBeGreaterThanOrEqual(Object.keys(TODAY).length);
    for (const [pattern, methods] of Object.entries(TODAY)) {
      expect(found[pattern], `methods found for ${pattern}`).toEqual(expect.arrayContaining(methods));
    }
    for (const r of routes) expect(r.methods.length, `${r.file} exports at least one HTTP method`).toBeGreaterThan(0);
  });

  test("≥ 500 bad bodies per route × method and malformed paths: no 5xx, no hang, JSON 4xx bodies; memory back near baseline", async ({}, testInfo) => {
    test.setTimeout(480_000); // 240 s ran out on a fresh clone on 2 cores (Dec 2026)
    // FUZZ_ROUTES (a regular expression on the pattern) narrows the run to reproduce one route's failures.
    const only = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : undefined;
    const routes = apiRoutes().filter((r) => !only || only.test(r.pattern));
    expect(routes.length, "routes to fuzz").toBeGreaterThanOrEqual(only ? 1 : Object.keys(TODAY).length);

    // The inspector (loopback, random port) lets the spec force a GC in the server before measuring.
    // FUZZ_SERVER_NODE_ARGS (e.g. "--trace-gc") adds node flags, to look further into its memory.
    const nodeArgs = ["--inspect=127.0.0.1:0", ...(process.env.FUZZ_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [])];
    const server = await startIsolatedServer({ prefix: "studio-fuzz-", keys: TEST_KEYS, env: { STUDIO_LOCAL_LATENCY_MS: "150" }, nodeArgs });
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    let inspector: Inspector | undefined;
    try {
      const wsUrl = inspectorUrl(server.logs());
      expect(wsUrl, "the server's inspector address").toBeDefined();
      inspector = await Inspector.connect(wsUrl!);
      const fixtures = await prepare(server);
      const figures = await fuzz(server, inspector, routes, fixtures, agent);
      report(figures, testInfo);

      const { recorder, malformed, memory } = figures;
      const totalBodies = [...recorder.tallies.values()].reduce((n, t) => n + t.tried, 0);
      expect(recorder.tallies.size, "route × method combinations fuzzed").toBe(routes.reduce((n, r) => n + r.methods.length, 0));
      for (const [key, t] of recorder.tallies) expect(t.tried, `bodies sent to ${key}`).toBeGreaterThanOrEqual(BODIES_PER_ROUTE_METHOD);
      expect(totalBodies, "bodies sent in all").toBeGreaterThanOrEqual(BODIES_PER_ROUTE_METHOD * recorder.tallies.size);
      expect(malformed.tallies.size, "routes × methods given malformed paths").toBe(recorder.tallies.size);

      expect.soft(grouped(recorder.fiveHundreds), "bad bodies answered with a 5xx (by route × method, with a sample)").toEqual({});
      expect.soft(grouped(recorder.hangs), `bad bodies not answered within ${REQUEST_TIMEOUT_MS} ms`).toEqual({});
      expect.soft(grouped(recorder.clientErrors), "bad bodies whose answer broke off (connection reset, unparsable answer)").toEqual({});
      expect.soft(grouped(recorder.nonJson), "bad bodies answered 4xx without a JSON body").toEqual({});

      const byWhat = (f: Failure) => `${f.key}: ${f.label ?? ""}`;
      expect.soft(grouped(malformed.fiveHundreds, byWhat), "malformed paths answered with a 5xx (by route × method and malformation)").toEqual({});
      expect.soft(grouped(malformed.hangs, byWhat), `malformed paths not answered within ${REQUEST_TIMEOUT_MS} ms`).toEqual({});
      expect.soft(grouped(malformed.clientErrors, byWhat), "malformed paths whose answer broke off").toEqual({});
      expect.soft(grouped(malformed.nonJson, byWhat), "malformed paths the route handler answered 4xx without a JSON body").toEqual({});

      expect.soft(liveMb(memory.after.live) - liveMb(memory.baseline.live), `live memory (heap used + external) after the fuzz minus baseline, MB, after forced GC (baseline ${liveMb(memory.baseline.live).toFixed(0)} MB)`).toBeLessThanOrEqual(MAX_LIVE_GROWTH_MB);
      expect.soft(memory.after.proc.rssMb - memory.baseline.proc.rssMb, `RSS after the fuzz minus baseline, MB, after forced GC (baseline ${memory.baseline.proc.rssMb.toFixed(0)} MB)`).toBeLessThanOrEqual(MAX_RSS_GROWTH_MB);
      expect.soft(server.logs(), "the server process is still up and printed no crash").not.toMatch(/FATAL ERROR|Allocation failed|Segmentation fault|uncaughtException/);
      const health = await fetch(`${server.url}/api/health`);
      expect.soft(health.status, "the server still answers /api/health after the fuzz").toBe(200);
    } finally {
      inspector?.close();
      agent.destroy();
      const log = testInfo.outputPath("server-log.txt");
      writeFileSync(log, server.logs());
      await testInfo.attach("server-log.txt", { path: log, contentType: "text/plain" });
      await server.dispose();
    }
  });
});

/** The real things dynamic segments point at: a finished job, a prompt draft, an active job, files. */
async function prepare(server: IsolatedServer): Promise<Fixtures> {
  const json = async (res: Response) => {
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.url}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${p}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const waitFor = async (id: string, until: (job: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const job = await json(await fetch(`${server.url}/api/jobs/${id}`));
      if (until(job)) return job;
      await sleep(100);
    }
    throw new Error(`job ${id} did not get there`);
  };

  const done = await json(await post("/api/jobs", { task: "image", prompt: "a fuzzed lighthouse", imageSize: "square", numImages: 1, seed: 3 }));
  const doneJob = await waitFor(String(done.id), (j) => j.status === "done");
  const outputs = doneJob.outputs as { url: string }[];
  const mediaName = outputs[0]!.url.split("/").pop()!;
  const doneRequest = String(doneJob.requestId);

  const drafted = await post("/api/prompts", { idea: "a fuzzed fox librarian", count: 1 });
  expect(drafted.status).toBe(200);
  await drafted.text();
  const promptsList = await json(await fetch(`${server.url}/api/jobs?task=prompts&limit=1`));
  const promptsJob = String((promptsList.jobs as { id: string }[])[0]!.id);

  // An active job (for DELETE → 409): the engine reads its latency when the request starts.
  await json(await post("/api/local/control", { latencyMs: 600_000 }));
  const active = await json(await post("/api/jobs", { task: "image", prompt: "a job that stays active", imageSize: "square" }));
  const activeJob = await waitFor(String(active.id), (j) => typeof j.requestId === "string");
  await json(await post("/api/local/control", { latencyMs: 150 }));

  const auth = { authorization: `Key ${KEY}` };
  const result = await json(await fetch(`${server.url}/api/local/fal/queue.fal.run/fal-ai/flux/requests/${doneRequest}`, { headers: auth }));
  const engineFile = (result.images as { url: string }[])[0]!.url.match(/\/files\/([0-9a-f-]{36})\//)![1]!;
  const initiated = await json(await post("/api/local/fal/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", { content_type: "image/png", file_name: "f.png" }, auth));
  const uploadId = String(initiated.upload_url).split("/").pop()!;

  return { doneJob: String(done.id), promptsJob, activeJob: String(active.id), mediaName, doneRequest, activeRequest: String(activeJob.requestId), engineFile, uploadId };
}

type Figures = { recorder: Recorder; malformed: Recorder; memory: MemoryFigures; seconds: { warmup: number; bodies: number; malformed: number }; bodyLabels: Record<string, number>; requests: number };

async function fuzz(server: IsolatedServer, inspector: Inspector, routes: ApiRoute[], fixtures: Fixtures, agent: http.Agent): Promise<Figures> {
  const target = { host: "127.0.0.1", port: server.port };
  type Case = { key: string; method: HttpMethod; path: string; headers: Record<string, string>; body: FuzzBody; routed: boolean };

  const casesFor = (count: number, seed: number): Case[] => {
    const perRoute: Case[][] = [];
    for (const route of routes) {
      for (const method of route.methods) {
        const key = `${method} ${route.pattern}`;
        const s = seedFor(seed, key);
        const profile = profileFor(route);
        const bodies = sampleBodies(profile, count, s, { wrongTasks: route.pattern === "/api/jobs" ? WRONG_TASKS : undefined });
        const shapes = fc.sample(requestShape(route, method, fixtures), { seed: s ^ 0x5eed, numRuns: count });
        perRoute.push(bodies.map((body, i) => ({ key: route.pattern, method, path: shapes[i]!.path, headers: shapes[i]!.headers, body, routed: true })));
      }
    }
    // Interleave the routes, so every moment of the run mixes them as real traffic would.
    const out: Case[] = [];
    for (let i = 0; i < count; i++) for (const list of perRoute) out.push(list[i]!);
    return out;
  };

  const requestOf = (c: Case): RawRequest => {
    const headers = { ...c.headers, ...(c.body.contentType !== null ? { "content-type": c.body.contentType } : {}) };
    return { method: c.method, path: c.path, headers, body: materialize(c.body.body) };
  };
  const send = (c: Case) => sendRaw(target, requestOf(c), { timeoutMs: REQUEST_TIMEOUT_MS, agent });

  const measure = async (): Promise<Measured> => {
    const live = await inspector.collectGarbageAndMeasure();
    return { proc: server.memory(), live };
  };

  // Warm-up: every route answers a few requests first, so what it loads once (modules, the
  // database, sharp) is in the baseline rather than counted as growth.
  const t0 = Date.now();
  await pool(casesFor(15, SEED ^ 0xbeef), CONCURRENCY, send);
  await sleep(2_000);
  const pid = server.servingPid();
  const baseline = await measure();
  const hwmReset = resetPeakMemory(pid);
  let peakRssMb = baseline.proc.rssMb;
  const sampler = setInterval(() => {
    try {
      peakRssMb = Math.max(peakRssMb, server.memory().rssMb);
    } catch {
      // the process is gone; the health check below reports it
    }
  }, 200);

  const t1 = Date.now();
  const cases = casesFor(BODIES_PER_ROUTE_METHOD, SEED);
  const bodyLabels: Record<string, number> = {};
  for (const c of cases) bodyLabels[c.body.label] = (bodyLabels[c.body.label] ?? 0) + 1;
  const recorder = new Recorder();
  await pool(cases, CONCURRENCY, async (c) => {
    const req = requestOf(c);
    const res = await sendRaw(target, req, { timeoutMs: REQUEST_TIMEOUT_MS, agent });
    recorder.record(`${c.method} ${c.key}`, { ...req, label: c.body.label, contentType: c.body.contentType }, res, c.routed);
  });

  const t2 = Date.now();
  const malformed = new Recorder();
  const paths = malformedPaths(routes, fixtures);
  await pool(paths, CONCURRENCY, async (m) => {
    const body = m.method === "GET" || m.method === "HEAD" ? undefined : Buffer.from("{}");
    const req: RawRequest = { method: m.method, path: m.path, headers: body ? { "content-type": "application/json" } : {}, body };
    // A fresh connection each: some of these make Node's parser close it.
    const res = await sendRaw(target, req, { timeoutMs: REQUEST_TIMEOUT_MS });
    malformed.record(`${m.method} ${m.key}`, { ...req, label: m.what }, res, m.routed);
  });
  const t3 = Date.now();

  clearInterval(sampler);
  // Let what is still in flight inside the server (engine runs, the job kept active) end.
  await fetch(`${server.url}/api/jobs/${fixtures.activeJob}/cancel`, { method: "POST" });
  await sleep(SETTLE_MS);
  const afterBeforeGcRssMb = server.memory().rssMb;
  const after = await measure();
  const memory: MemoryFigures = { baseline, afterBeforeGcRssMb, after, peakRssMb: Math.max(peakRssMb, afterBeforeGcRssMb), hwmMb: after.proc.hwmMb, hwmReset };
  return {
    recorder,
    malformed,
    memory,
    seconds: { warmup: (t1 - t0) / 1000, bodies: (t2 - t1) / 1000, malformed: (t3 - t2) / 1000 },
    bodyLabels,
    requests: cases.length + paths.length,
  };
}

function report(f: Figures, testInfo: TestInfo) {
  const table = (r: Recorder) =>
    Object.fromEntries([...r.tallies.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, t]));
  const sum = (r: Recorder) =>
    [...r.tallies.values()].reduce((a, t) => ({ tried: a.tried + t.tried, s2xx: a.s2xx + t.s2xx, s3xx: a.s3xx + t.s3xx, s4xx: a.s4xx + t.s4xx, s5xx: a.s5xx + t.s5xx, hangs: a.hangs + t.hangs, errors: a.errors + t.errors, nonJson4xx: a.nonJson4xx + t.nonJson4xx, maxMs: Math.max(a.maxMs, t.maxMs), retried: a.retried + t.retried }), newTally());
  const m = f.memory;
  const json = {
    seed: SEED,
    bodiesPerRouteMethod: BODIES_PER_ROUTE_METHOD,
    concurrency: CONCURRENCY,
    seconds: f.seconds,
    bodyLabels: f.bodyLabels,
    bodies: { total: sum(f.recorder), byRouteMethod: table(f.recorder) },
    malformedPaths: { total: sum(f.malformed), byRouteMethod: table(f.malformed) },
    memoryMb: {
      pid: m.baseline.proc.pid,
      note: "baseline and after are read right after a forced full GC; live = V8 heap used + external + array buffers",
      baselineRss: round(m.baseline.proc.rssMb),
      baselineLive: round(liveMb(m.baseline.live)),
      peakRssSampled: round(m.peakRssMb),
      peakHwm: round(m.hwmMb),
      hwmResetAtBaseline: m.hwmReset,
      afterRssBeforeGc: round(m.afterBeforeGcRssMb),
      afterRss: round(m.after.proc.rssMb),
      afterLive: round(liveMb(m.after.live)),
      afterHeapTotal: round(m.after.live.heapTotal / MB),
      allowedRssGrowth: MAX_RSS_GROWTH_MB,
      allowedLiveGrowth: MAX_LIVE_GROWTH_MB,
    },
    failures: {
      bodies5xx: grouped(f.recorder.fiveHundreds),
      bodiesHangs: grouped(f.recorder.hangs),
      bodiesClientErrors: grouped(f.recorder.clientErrors),
      bodiesNonJson4xx: grouped(f.recorder.nonJson),
      malformed5xx: grouped(f.malformed.fiveHundreds, (x) => `${x.key}: ${x.label}`),
      malformedHangs: grouped(f.malformed.hangs, (x) => `${x.key}: ${x.label}`),
      malformedNonJson4xx: grouped(f.malformed.nonJson, (x) => `${x.key}: ${x.label}`),
    },
    // Not failures: which generated bodies a state-changing route accepted (e.g. {} for /api/local/control).
    acceptedWrites: grouped(f.recorder.acceptedWrites, (x) => `${x.key}: ${x.label}`),
    malformedAcceptedWrites: grouped(f.malformed.acceptedWrites, (x) => `${x.key}: ${x.label}`),
  };
  const file = path.resolve(__dirname, "../../test-results/attack-fuzz.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(json, null, 2));
  void testInfo.attach("attack-fuzz.json", { body: JSON.stringify(json, null, 2), contentType: "application/json" });

  const line = (k: string, t: Tally) =>
    `${k.padEnd(48)} ${String(t.tried).padStart(5)} ${String(t.s2xx).padStart(5)} ${String(t.s3xx).padStart(4)} ${String(t.s4xx).padStart(5)} ${String(t.s5xx).padStart(5)} ${String(t.hangs).padStart(5)} ${String(t.nonJson4xx).padStart(7)} ${String(t.maxMs).padStart(6)} ${String(t.retried).padStart(7)}`;
  const head = `${"route × method".padEnd(48)} ${"tried".padStart(5)} ${"2xx".padStart(5)} ${"3xx".padStart(4)} ${"4xx".padStart(5)} ${"5xx".padStart(5)} ${"hangs".padStart(5)} ${"nonJSON".padStart(7)} ${"maxMs".padStart(6)} ${"retried".padStart(7)}`;
  const lines = [
    `attack fuzz (seed ${SEED}): ${f.requests} requests; warm-up ${f.seconds.warmup}s, bodies ${f.seconds.bodies}s, malformed paths ${f.seconds.malformed}s`,
    `body kinds: ${JSON.stringify(f.bodyLabels)}`,
    "bad bodies:",
    head,
    ...[...f.recorder.tallies.entries()].sort().map(([k, t]) => line(k, t)),
    line("total", sum(f.recorder)),
    "malformed paths:",
    head,
    ...[...f.malformed.tallies.entries()].sort().map(([k, t]) => line(k, t)),
    line("total", sum(f.malformed)),
    `memory (pid ${m.baseline.proc.pid}, after forced GCs): baseline RSS ${round(m.baseline.proc.rssMb)} MB / live ${round(liveMb(m.baseline.live))} MB; peak RSS ${round(m.peakRssMb)} MB (VmHWM ${round(m.hwmMb)} MB${m.hwmReset ? ", reset at baseline" : ", since start"}); after: RSS ${round(m.afterBeforeGcRssMb)} MB before GC, ${round(m.after.proc.rssMb)} MB after (+${round(m.after.proc.rssMb - m.baseline.proc.rssMb)}, allowed +${MAX_RSS_GROWTH_MB}), live ${round(liveMb(m.after.live))} MB (+${round(liveMb(m.after.live) - liveMb(m.baseline.live))}, allowed +${MAX_LIVE_GROWTH_MB})`,
  ];
  console.log(lines.join("\n"));
}

const round = (n: number) => Math.round(n * 10) / 10;
