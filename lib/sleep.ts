/**
 * A pause that ends early, without an error, when any of `signals` aborts (a cancel, a shutdown, a
 * notice). Listeners are removed when it ends: `AbortSignal.any` would leave an entry on every
 * long-lived signal (the shutdown signal) at each call on Node 20, and some callers wait in a loop.
 */
export function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  return new Promise<void>((resolve) => {
    if (given.some((s) => s.aborted)) return resolve();
    const done = () => {
      clearTimeout(timer);
      for (const s of given) s.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const s of given) s.addEventListener("abort", done, { once: true });
  });
}
