"use client";

import { ApiError, fetchJob } from "@/lib/client/api";
import { isTerminal, type JobRecord } from "@/lib/jobs/schema";

/**
 * The one poller for unfinished jobs, shared by every view that shows one (a generator page, the
 * job page, history cards): each job is fetched once per tick however many views watch it, and
 * watching ends when it finishes. A failing fetch backs off (up to 8 ticks) and is reported.
 */

export const POLL_MS = 700;

export type WatchEvent = { type: "job"; job: JobRecord } | { type: "gone" } | { type: "error"; message: string };
type Listener = (event: WatchEvent) => void;
type Watched = { listeners: Set<Listener>; failures: number; skip: number; inFlight: boolean };

const watched = new Map<string, Watched>();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule() {
  if (timer === undefined && watched.size > 0) timer = setTimeout(tick, POLL_MS);
}

function emit(id: string, event: WatchEvent) {
  for (const listener of watched.get(id)?.listeners ?? []) listener(event);
}

async function poll(id: string, w: Watched) {
  w.inFlight = true;
  try {
    const job = await fetchJob(id);
    w.failures = 0;
    emit(id, { type: "job", job });
    if (isTerminal(job.status)) watched.delete(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      emit(id, { type: "gone" });
      watched.delete(id);
      return;
    }
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
    if (w.inFlight) continue;
    if (w.skip > 0) {
      w.skip--;
      continue;
    }
    void poll(id, w);
  }
  schedule();
}

/** Calls `listener` with each new state of the job until it finishes; returns the way to stop. */
export function watchJob(id: string, listener: Listener): () => void {
  let w = watched.get(id);
  if (!w) {
    w = { listeners: new Set(), failures: 0, skip: 0, inFlight: false };
    watched.set(id, w);
  }
  w.listeners.add(listener);
  schedule();
  return () => {
    const current = watched.get(id);
    if (!current) return;
    current.listeners.delete(listener);
    if (current.listeners.size === 0) watched.delete(id);
  };
}
