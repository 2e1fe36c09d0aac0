import { processSingleton } from "@/lib/process-singleton";
import { sleep } from "@/lib/sleep";

/**
 * In-process notices that a provider request changed, keyed by request id: a verified webhook says
 * so today; a status stream, or server-sent events to a browser, can listen and signal the same way.
 * A notice carries no data: whoever listens reads the request's state from its one source.
 */

type Listener = () => void;

const listeners = () => processSingleton("request-events", () => new Map<string, Set<Listener>>());

/** Tells everyone following `requestId` in this process; answers how many were. */
export function signalRequest(requestId: string): number {
  const set = listeners().get(requestId);
  for (const listener of set ?? []) listener();
  return set?.size ?? 0;
}

/** Calls `listener` on every notice for `requestId` until the returned function is called. */
export function onRequestEvent(requestId: string, listener: Listener): () => void {
  const all = listeners();
  const set = all.get(requestId) ?? new Set<Listener>();
  all.set(requestId, set);
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && all.get(requestId) === set) all.delete(requestId);
  };
}

export type RequestWatch = {
  /** Waits `ms`, or less when a notice arrives (or arrived since the last wait), or `signal` aborts. */
  next: (ms: number, signal?: AbortSignal) => Promise<void>;
  close: () => void;
};

/**
 * Follows one request between status checks. A notice that lands while the caller is busy checking
 * is kept for its next wait, so none is lost between the check and the wait.
 */
export function watchRequest(requestId: string): RequestWatch {
  let woken = new AbortController();
  const close = onRequestEvent(requestId, () => woken.abort());
  return {
    async next(ms, signal) {
      await sleep(ms, signal ? AbortSignal.any([signal, woken.signal]) : woken.signal);
      if (woken.signal.aborted) woken = new AbortController();
    },
    close,
  };
}
