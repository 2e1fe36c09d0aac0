"use client";

import { ApiError, fetchJob } from "@/lib/client/api";
import { isTerminal } from "@/lib/jobs/statuses";
import type { JobRecord } from "@/lib/jobs/schema";

/**
 * The one watcher for unfinished jobs, shared by every view that shows one (a generator page, the
 * job page, history cards). The jobs are followed over one event stream per page
 * (GET /api/jobs/events: each change as the server writes it), reopened when a job joins and closed
 * when none is left, so a page holds one of the browser's few connections to the studio, however
 * many jobs it shows. A job the stream does not cover (past its limit, or while the stream is down
 * after a failure) is polled instead: once per tick however many views watch it; a failing fetch
 * backs off (up to 8 ticks) and is reported. Watching a job ends when it finishes.
 */

export const POLL_MS = 700;
/** Jobs one stream follows (the route's limit); any more are polled. */
export const MAX_STREAMED = 50;
/** After the stream fails, the jobs are polled this long before a stream is tried again. */
export const STREAM_RETRY_MS = 15_000;

export type WatchEvent = { type: "job"; job: JobRecord } | { type: "gone" } | { type: "error"; message: string };
type Listener = (event: WatchEvent) => void;
type Watched = { listeners: Set<Listener>; failures: number; skip: number; inFlight: boolean };

const watched = new Map<string, Watched>();
let timer: ReturnType<typeof setTimeout> | undefined;
let stream: { source: EventSource; ids: Set<string> } | undefined;
let streamFailedAt = -Infinity;
let syncing = false;

const streamed = (id: string) => stream?.ids.has(id) === true;

function emit(id: string, event: WatchEvent) {
  for (const listener of watched.get(id)?.listeners ?? []) listener(event);
}

function told(job: JobRecord) {
  const w = watched.get(job.id);
  if (w) w.failures = 0;
  emit(job.id, { type: "job", job });
  if (isTerminal(job.status)) forget(job.id);
}

function gone(id: string) {
  emit(id, { type: "gone" });
  forget(id);
}

function forget(id: string) {
  watched.delete(id);
  if (watched.size > 0) return;
  closeStream();
  clearTimeout(timer);
  timer = undefined;
}

function closeStream() {
  stream?.source.close();
  stream = undefined;
}

/** One stream covering every watched job (up to MAX_STREAMED), opened again only when a job joins. */
function syncStream() {
  syncing = false;
  const ids = [...watched.keys()];
  if (ids.length === 0) return closeStream();
  if (ids.every(streamed) || !streamWorthTrying()) return schedule();
  closeStream();
  const covered = new Set(ids.slice(0, MAX_STREAMED));
  const source = new EventSource(`/api/jobs/events?ids=${[...covered].map(encodeURIComponent).join(",")}`);
  const current = (stream = { source, ids: covered });
  source.addEventListener("job", (e) => told(JSON.parse((e as MessageEvent<string>).data) as JobRecord));
  source.addEventListener("gone", (e) => gone((JSON.parse((e as MessageEvent<string>).data) as { id: string }).id));
  // Every covered job has ended: the server closes; anything watched since gets a new stream.
  source.addEventListener("end", () => {
    if (stream !== current) return;
    closeStream();
    requestSync();
  });
  // Refused, dropped, or the server is stopping: poll until a stream is worth trying again.
  source.addEventListener("error", () => {
    if (stream !== current) return;
    closeStream();
    streamFailedAt = Date.now();
    schedule();
  });
  schedule();
}

const streamWorthTrying = () => typeof EventSource !== "undefined" && Date.now() - streamFailedAt >= STREAM_RETRY_MS;

function requestSync() {
  if (syncing) return;
  syncing = true;
  // Views mounting together (a feed restored from storage) join one stream.
  setTimeout(syncStream, 0);
}

function schedule() {
  if (timer === undefined && [...watched.keys()].some((id) => !streamed(id))) timer = setTimeout(tick, POLL_MS);
}

async function poll(id: string, w: Watched) {
  w.inFlight = true;
  try {
    told(await fetchJob(id));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return gone(id);
    w.failures++;
    w.skip = Math.min(8, 2 ** w.failures) - 1;
    emit(id, { type: "error", message: err instanceof Error ? err.message : "Lost track of the job." });
  } finally {
    w.inFlight = false;
  }
}

function tick() {
  timer = undefined;
  for (const [id, w] of watched) {
    if (w.inFlight || streamed(id)) continue;
    if (w.skip > 0) {
      w.skip--;
      continue;
    }
    void poll(id, w);
  }
  schedule();
  if (streamWorthTrying()) requestSync();
}

/** Calls `listener` with each new state of the job until it finishes; returns the way to stop. */
export function watchJob(id: string, listener: Listener): () => void {
  let w = watched.get(id);
  if (!w) {
    w = { listeners: new Set(), failures: 0, skip: 0, inFlight: false };
    watched.set(id, w);
  }
  w.listeners.add(listener);
  requestSync();
  return () => {
    const current = watched.get(id);
    if (!current) return;
    current.listeners.delete(listener);
    if (current.listeners.size === 0) forget(id);
  };
}
