import "server-only";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, renameSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/env";
import { keyedNotices } from "@/lib/notices";
import { knobs } from "@/lib/local-engine/state";
import { processSingleton } from "@/lib/process-singleton";
import { isShutdownAbort, isShuttingDown, onShutdown, ShutdownError } from "@/lib/shutdown";
import { sleep } from "@/lib/sleep";
import type { Family } from "@/lib/providers/catalog";
import { RunError } from "./run-error";
import type { EngineWebhook } from "./webhook";
import { errorText } from "@/lib/secrets";

/**
 * Posts a finished request's webhook. The delivery code (signing, the public-address guard, the job
 * store behind it) loads with the first webhook, not with the queue a restart reads. A delivery that
 * could not even be recorded (a full disk) is told, not left to crash a worker process.
 */
const deliverWebhook = (req: EngineRequest) =>
  import("./webhook")
    .then(({ deliverEngineWebhook }) => deliverEngineWebhook(req, persist))
    .catch((err: unknown) => console.warn("[studio] local engine: webhook delivery stopped:", errorText(err)));

/**
 * fal's queue semantics, in process: requests wait IN_QUEUE (with a position) while the workers
 * are busy, run IN_PROGRESS with log lines, and end COMPLETED with an output or an error.
 * A cancelled request also ends COMPLETED; its result answers an error, as fal's does. A request
 * submitted with a webhook has its ending posted there (./webhook.ts), also after a restart.
 * Every request is written to the data directory, so a restart picks up where it stopped.
 */

const logSchema = z.object({ message: z.string(), level: z.enum(["INFO", "WARN", "ERROR"]), source: z.literal("user"), timestamp: z.string() });
const requestSchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  family: z.string(),
  // Dropped once the request ends (zod 4 holds a missing key to be an error unless it is optional).
  input: z.unknown().optional(),
  origin: z.string(),
  state: z.enum(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]),
  logs: z.array(logSchema),
  output: z.unknown().optional(),
  error: z.object({ status: z.number(), detail: z.unknown() }).optional(),
  cancelled: z.boolean(),
  submittedAt: z.number(),
  startedAt: z.number().optional(),
  completedAt: z.number().optional(),
  /** fal_webhook: posted when the request ends (./webhook.ts). */
  webhook: z.object({ url: z.string(), state: z.enum(["pending", "delivered", "failed"]), attempts: z.number() }).optional(),
});
export type EngineRequest = Omit<z.infer<typeof requestSchema>, "family"> & { family: Family; webhook?: EngineWebhook };
type QueueLog = z.infer<typeof logSchema>;

type Queue = {
  requests: Map<string, EngineRequest>;
  waiting: string[];
  running: Map<string, AbortController>;
  /** Input bytes of each request not yet finished. */
  inputBytes: Map<string, number>;
  /** Finished requests, oldest first. */
  finished: string[];
};

/** Every change a request's status shows (state, queue position, a log line), as it happens: its status stream listens. */
const changes = keyedNotices("local-engine-requests");
export const onRequestChange = changes.on;
const changed = (req: EngineRequest) => changes.signal(req.id);
/** The queue moved: every waiting request's position changed. */
const moved = (q: Queue) => q.waiting.forEach((id) => changes.signal(id));

const KEEP_FINISHED_MS = 24 * 60 * 60 * 1000;
/**
 * Bounds on what callers can pile up in this process. Waiting requests hold their inputs (up to
 * 1 MB each): at most this many, and this many bytes of input in all; past either, submit answers
 * 429 as fal does when a queue is full. Finished requests keep only their output, and only the
 * newest are kept in memory (an older one's result then answers 404).
 */
const MAX_WAITING = 1000;
const MAX_WAITING_INPUT_BYTES = 64 * 1024 * 1024;
const MAX_FINISHED_KEPT = 1000;
const dir = () => path.join(dataDir(), "engine", "requests");

function persist(req: EngineRequest) {
  mkdirSync(dir(), { recursive: true });
  const file = path.join(dir(), `${req.id}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(req));
  renameSync(`${file}.tmp`, file);
}

/**
 * A worker running jobs in its own process (cli/in-process.ts) shares the data directory with any
 * studio serving it: its engine keeps to the requests it was given and leaves the others, running
 * or interrupted, to that studio.
 */
export function keepToOwnRequests(): void {
  processSingleton("fal-queue-own-only", () => true);
}

/** Reads the persisted queue; unfinished requests go back in line, oldest first. */
function load(): Queue {
  const q: Queue = { requests: new Map(), waiting: [], running: new Map(), inputBytes: new Map(), finished: [] };
  if (processSingleton("fal-queue-own-only", () => false)) return q;
  let files: string[] = [];
  try {
    files = readdirSync(dir()).filter((f) => f.endsWith(".json"));
  } catch {
    return q;
  }
  const cutoff = Date.now() - KEEP_FINISHED_MS;
  for (const file of files) {
    const parsed = requestSchema.safeParse(JSON.parse(readFileSync(path.join(dir(), file), "utf8")));
    if (!parsed.success) continue;
    const req = parsed.data as EngineRequest;
    if (req.state === "COMPLETED" && (req.completedAt ?? 0) < cutoff) {
      rmSync(path.join(dir(), file), { force: true });
      continue;
    }
    if (req.state !== "COMPLETED") {
      req.state = "IN_QUEUE";
      log(req, "Resumed after the engine restarted");
      q.waiting.push(req.id);
      q.inputBytes.set(req.id, sizeOf(req.input));
    } else {
      q.finished.push(req.id);
      if (req.webhook?.state === "pending") setTimeout(() => void deliverWebhook(req), 0);
    }
    q.requests.set(req.id, req);
  }
  const bySubmission = (a: string, b: string) => q.requests.get(a)!.submittedAt - q.requests.get(b)!.submittedAt;
  q.waiting.sort(bySubmission);
  q.finished.sort(bySubmission);
  for (const old of q.finished.splice(0, Math.max(0, q.finished.length - MAX_FINISHED_KEPT))) forget(q, old);
  if (q.waiting.length) setTimeout(pump, 0);
  return q;
}

/**
 * On shutdown: every running request goes back in line, written to disk before anything can exit,
 * then its work is aborted. The next start takes them up (load above).
 */
function handBack(q: Queue) {
  for (const [id, abort] of q.running) {
    const req = q.requests.get(id);
    if (req && req.state !== "COMPLETED") {
      req.state = "IN_QUEUE";
      delete req.startedAt;
      log(req, "Handed back: the server is stopping; this request resumes when it starts again");
      persist(req);
    }
    abort.abort(new ShutdownError());
  }
  if (q.running.size + q.waiting.length > 0) console.log(`[studio] local engine: ${q.running.size} running and ${q.waiting.length} waiting request(s) kept for the next start`);
}

const queue = () =>
  processSingleton<Queue>("fal-queue", () => {
    const q = load();
    onShutdown("the local engine's queue", () => handBack(q));
    return q;
  });

/** Loads the persisted queue now, so interrupted requests resume without waiting for a caller. */
export function resumeEngineQueue(): number {
  return queue().waiting.length;
}

function log(req: EngineRequest, message: string, level: QueueLog["level"] = "INFO") {
  req.logs.push({ message, level, source: "user", timestamp: new Date().toISOString() });
  changed(req);
}

const sizeOf = (input: unknown) => Buffer.byteLength(JSON.stringify(input ?? null));

/** Queues a request; a RunError 429 when the queue is full. */
export function submitRequest(args: { endpointId: string; family: Family; input: unknown; origin: string; webhook?: EngineWebhook }): EngineRequest {
  const q = queue();
  const bytes = sizeOf(args.input);
  const waitingBytes = [...q.inputBytes.values()].reduce((a, b) => a + b, 0);
  if (q.waiting.length >= MAX_WAITING || waitingBytes + bytes > MAX_WAITING_INPUT_BYTES) {
    throw new RunError(429, "The local engine's queue is full; try again when some requests have finished");
  }
  const req: EngineRequest = { id: randomUUID(), ...args, state: "IN_QUEUE", logs: [], cancelled: false, submittedAt: Date.now() };
  q.requests.set(req.id, req);
  q.waiting.push(req.id);
  q.inputBytes.set(req.id, bytes);
  persist(req);
  // Let the submit response go out before work starts, as a real queue would.
  setTimeout(pump, 0);
  return req;
}

export function getRequest(id: string): EngineRequest | undefined {
  return queue().requests.get(id);
}

/** 0 for the next to run, as fal counts. */
export function queuePosition(id: string): number {
  return Math.max(0, queue().waiting.indexOf(id));
}

export function cancelRequest(id: string): "CANCELLATION_REQUESTED" | "ALREADY_COMPLETED" | "NOT_FOUND" {
  const q = queue();
  const req = q.requests.get(id);
  if (!req) return "NOT_FOUND";
  if (req.state === "COMPLETED") return "ALREADY_COMPLETED";
  req.cancelled = true;
  const waiting = q.waiting.indexOf(id);
  if (waiting >= 0) {
    q.waiting.splice(waiting, 1);
    moved(q);
    finish(req, undefined, { status: 400, detail: "Request was cancelled" });
  } else {
    q.running.get(id)?.abort();
  }
  return "CANCELLATION_REQUESTED";
}

function finish(req: EngineRequest, output: unknown, error?: EngineRequest["error"]) {
  req.state = "COMPLETED";
  req.completedAt = Date.now();
  // The input is spent: only the result is asked for from now on.
  req.input = undefined;
  if (error) {
    req.error = error;
    log(req, typeof error.detail === "string" ? error.detail : "Request failed", "ERROR");
  } else {
    req.output = output;
  }
  persist(req);
  const q = queue();
  q.inputBytes.delete(req.id);
  q.finished.push(req.id);
  while (q.finished.length > MAX_FINISHED_KEPT) forget(q, q.finished.shift()!);
  changed(req);
  if (req.webhook) void deliverWebhook(req);
}

function forget(q: Queue, id: string) {
  q.requests.delete(id);
  rmSync(path.join(dir(), `${id}.json`), { force: true });
}

function pump() {
  if (isShuttingDown()) return;
  const q = queue();
  while (q.running.size < knobs().concurrency && q.waiting.length > 0) {
    const id = q.waiting.shift()!;
    moved(q);
    const abort = new AbortController();
    q.running.set(id, abort);
    void execute(id, abort.signal).finally(() => {
      q.running.delete(id);
      pump();
    });
  }
}

async function execute(id: string, signal: AbortSignal) {
  const req = getRequest(id);
  if (!req) return;
  const cancelled = () => finish(req, undefined, { status: 400, detail: "Request was cancelled" });
  // A shutdown already put the request back in line (handBack); only a cancel ends it.
  const stopped = () => (isShutdownAbort(signal) ? undefined : cancelled());
  const { latencyMs, failureRate } = knobs();
  // Time spent waiting counts towards the simulated queue latency. With none left there is no pause:
  // even sleep(0) waits a turn of the event loop, on a busy server milliseconds of a worker standing idle.
  const queued = latencyMs * 0.3 - (Date.now() - req.submittedAt);
  if (queued > 0) await sleep(queued, signal);
  if (signal.aborted) return stopped();

  // Not written to disk: a restart puts every unfinished request back in line as it was submitted
  // (load above), so a file saying it had started would change nothing.
  req.state = "IN_PROGRESS";
  req.startedAt = Date.now();
  log(req, "Model loaded on the local engine");
  try {
    // The generators (every task's, and sharp) load with the first request that runs, not with the queue.
    const { outputSaver, runModel } = await import("./models");
    // The work itself takes a fraction of the simulated latency: it runs first, and the lines it
    // logged (its steps, frames, segments…) are then shown one by one over the rest, as a worker
    // reports its progress. So the log follows this request's own task and settings.
    const lines: string[] = [];
    const output = await runModel(req.family, req.input, { origin: req.origin, log: (m) => lines.push(m), saveOutput: outputSaver(req.origin), signal });
    // With no simulated latency they are logged at once, in one go: its status stream sends one event.
    const pace = (latencyMs * 0.7) / Math.max(1, lines.length);
    if (pace > 0 && lines.length === 0) await sleep(pace, signal);
    for (const line of lines) {
      if (pace > 0) await sleep(pace, signal);
      if (signal.aborted) break;
      log(req, line);
    }
    if (signal.aborted) return stopped();
    if (Math.random() < failureRate) {
      throw new RunError(500, "The local engine failed this request on purpose (STUDIO_LOCAL_FAILURE_RATE).");
    }
    log(req, "Done");
    finish(req, output);
  } catch (err) {
    if (signal.aborted) return stopped();
    if (err instanceof RunError) finish(req, undefined, { status: err.status, detail: err.detail });
    else finish(req, undefined, { status: 500, detail: err instanceof Error ? err.message : "Internal error" });
  }
}
