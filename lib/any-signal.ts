/**
 * A signal that aborts when any of `signals` does, with that one's reason, and lets go of them.
 * `AbortSignal.any` cannot be undone: on Node 20 it leaves an entry on each source (about 58 B) for
 * as long as the source lives, so combining with a long-lived signal (the shutdown signal) at every
 * stream, attempt or wait grows without end. Here each source holds one listener, removed by
 * `dispose()` or as soon as any source aborts.
 */

export type AnySignal = {
  signal: AbortSignal;
  /** Stops following the sources (the signal stays as it is); call it when the work is over. */
  dispose: () => void;
};

const nothing = () => {};

export function anySignal(signals: readonly (AbortSignal | undefined)[]): AnySignal {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  const aborted = given.find((s) => s.aborted);
  if (aborted) return { signal: AbortSignal.abort(aborted.reason), dispose: nothing };
  if (given.length === 1) return { signal: given[0]!, dispose: nothing };
  const controller = new AbortController();
  const listeners = given.map((source) => {
    const listener = () => {
      dispose();
      controller.abort(source.reason);
    };
    source.addEventListener("abort", listener);
    return () => source.removeEventListener("abort", listener);
  });
  const dispose = () => listeners.forEach((remove) => remove());
  return { signal: controller.signal, dispose };
}
