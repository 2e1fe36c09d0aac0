import { processSingleton } from "@/lib/process-singleton";
import { sleep } from "@/lib/sleep";

/**
 * In-process notices keyed by id, one set per `name` (a provider request, a job record, the local
 * engine's requests). A notice carries no data: whoever listens reads the state from its one source.
 */

type Listener = () => void;

export type Watch = {
  /** Waits `ms`, or less when a notice arrives (or arrived since the last wait), or `signal` aborts. */
  next: (ms: number, signal?: AbortSignal) => Promise<void>;
  close: () => void;
};

export type Notices = {
  /** Tells everyone listening for `key` in this process; answers how many were. */
  signal: (key: string) => number;
  /** Calls `listener` on every notice for `key` until the returned function is called. */
  on: (key: string, listener: Listener) => () => void;
  /**
   * Follows one key between reads of its state. A notice that lands while the caller is busy
   * reading is kept for its next wait, so none is lost between the read and the wait.
   */
  watch: (key: string) => Watch;
};

export function keyedNotices(name: string): Notices {
  const listeners = () => processSingleton(`notices:${name}`, () => new Map<string, Set<Listener>>());
  const on = (key: string, listener: Listener) => {
    const all = listeners();
    const set = all.get(key) ?? new Set<Listener>();
    all.set(key, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && all.get(key) === set) all.delete(key);
    };
  };
  return {
    signal(key) {
      const set = listeners().get(key);
      for (const listener of [...(set ?? [])]) listener();
      return set?.size ?? 0;
    },
    on,
    watch(key) {
      let woken = new AbortController();
      const close = on(key, () => woken.abort());
      return {
        async next(ms, signal) {
          await sleep(ms, signal, woken.signal);
          if (woken.signal.aborted) woken = new AbortController();
        },
        close,
      };
    },
  };
}
