import { anySignal } from "@/lib/any-signal";

/**
 * A pause that ends early, without an error, when any of `signals` aborts (a cancel, a shutdown, a
 * notice). It lets go of them when it ends: some callers wait in a loop on the shutdown signal.
 */
export function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  const { signal, dispose } = anySignal(signals);
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
