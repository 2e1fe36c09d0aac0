import "server-only";
import { randomUUID } from "node:crypto";
import { processSingleton } from "@/lib/process-singleton";
import { knobs } from "@/lib/local-engine/state";

/**
 * fal's queue semantics, in process: requests wait IN_QUEUE (with a position) while the workers
 * are busy, run IN_PROGRESS with log lines, and end COMPLETED with an output or an error.
 * A cancelled request also ends COMPLETED; its result answers an error, as fal's does.
 */

export type QueueLog = { message: string; level: "INFO" | "WARN" | "ERROR"; source: "user"; timestamp: string };

export type EngineRequest = {
  id: string;
  endpointId: string;
  state: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED";
  logs: QueueLog[];
  output?: unknown;
  error?: { status: number; detail: unknown };
  cancelled: boolean;
  submittedAt: number;
  startedAt?: number;
  completedAt?: number;
};

export type Work = (ctx: { log: (message: string) => void; signal: AbortSignal }) => Promise<unknown>;

/** An error a model run reports to the caller with an HTTP status, like fal's 422 detail. */
export class RunError extends Error {
  constructor(readonly status: number, readonly detail: unknown) {
    super(typeof detail === "string" ? detail : "Run failed");
  }
}

type Queue = {
  requests: Map<string, EngineRequest>;
  waiting: { id: string; work: Work; abort: AbortController }[];
  running: Map<string, AbortController>;
};

const queue = () =>
  processSingleton<Queue>("fal-queue", () => ({ requests: new Map(), waiting: [], running: new Map() }));

const KEEP_FINISHED_MS = 60 * 60 * 1000;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
  });

function log(req: EngineRequest, message: string, level: QueueLog["level"] = "INFO") {
  req.logs.push({ message, level, source: "user", timestamp: new Date().toISOString() });
}

export function submitRequest(endpointId: string, work: Work): EngineRequest {
  const q = queue();
  const req: EngineRequest = { id: randomUUID(), endpointId, state: "IN_QUEUE", logs: [], cancelled: false, submittedAt: Date.now() };
  q.requests.set(req.id, req);
  q.waiting.push({ id: req.id, work, abort: new AbortController() });
  prune(q);
  // Let the submit response go out before work starts, as a real queue would.
  setTimeout(pump, 0);
  return req;
}

export function getRequest(id: string): EngineRequest | undefined {
  return queue().requests.get(id);
}

/** 0 for the next to run, as fal counts. */
export function queuePosition(id: string): number {
  return Math.max(0, queue().waiting.findIndex((w) => w.id === id));
}

export function cancelRequest(id: string): "CANCELLATION_REQUESTED" | "ALREADY_COMPLETED" | "NOT_FOUND" {
  const q = queue();
  const req = q.requests.get(id);
  if (!req) return "NOT_FOUND";
  if (req.state === "COMPLETED") return "ALREADY_COMPLETED";
  req.cancelled = true;
  const waiting = q.waiting.findIndex((w) => w.id === id);
  if (waiting >= 0) {
    q.waiting.splice(waiting, 1);
    finish(req, undefined, { status: 400, detail: "Request was cancelled" });
  } else {
    q.running.get(id)?.abort();
  }
  return "CANCELLATION_REQUESTED";
}

function finish(req: EngineRequest, output: unknown, error?: EngineRequest["error"]) {
  req.state = "COMPLETED";
  req.completedAt = Date.now();
  if (error) {
    req.error = error;
    log(req, typeof error.detail === "string" ? error.detail : "Request failed", "ERROR");
  } else {
    req.output = output;
  }
}

function pump() {
  const q = queue();
  while (q.running.size < knobs().concurrency && q.waiting.length > 0) {
    const next = q.waiting.shift()!;
    q.running.set(next.id, next.abort);
    void execute(next.id, next.work, next.abort.signal).finally(() => {
      q.running.delete(next.id);
      pump();
    });
  }
}

async function execute(id: string, work: Work, signal: AbortSignal) {
  const req = getRequest(id);
  if (!req) return;
  const { latencyMs, failureRate } = knobs();
  // Time spent waiting counts towards the simulated queue latency.
  const queueShare = Math.max(0, latencyMs * 0.3 - (Date.now() - req.submittedAt));
  await sleep(queueShare, signal);
  if (signal.aborted) return finish(req, undefined, { status: 400, detail: "Request was cancelled" });

  req.state = "IN_PROGRESS";
  req.startedAt = Date.now();
  log(req, "Model loaded on the local engine");
  try {
    const steps = 4;
    for (let i = 1; i <= steps && !signal.aborted; i++) {
      await sleep((latencyMs * 0.7) / steps, signal);
      log(req, `Denoising step ${i}/${steps}`);
    }
    if (signal.aborted) return finish(req, undefined, { status: 400, detail: "Request was cancelled" });
    if (Math.random() < failureRate) {
      throw new RunError(500, "The local engine failed this request on purpose (STUDIO_LOCAL_FAILURE_RATE).");
    }
    const output = await work({ log: (m) => log(req, m), signal });
    if (signal.aborted) return finish(req, undefined, { status: 400, detail: "Request was cancelled" });
    log(req, "Done");
    finish(req, output);
  } catch (err) {
    if (err instanceof RunError) finish(req, undefined, { status: err.status, detail: err.detail });
    else finish(req, undefined, { status: 500, detail: err instanceof Error ? err.message : "Internal error" });
  }
}

function prune(q: Queue) {
  const cutoff = Date.now() - KEEP_FINISHED_MS;
  for (const [id, req] of q.requests) {
    if (req.state === "COMPLETED" && (req.completedAt ?? 0) < cutoff) q.requests.delete(id);
  }
}
