/**
 * Runs a long pixel loop in slices of about a megapixel, yielding to the event loop between them:
 * the server keeps answering (health, cancel, SIGTERM) while the engine paints, and an abort lands
 * within one slice (~10 ms) instead of after the whole image.
 */
export async function inSlices(count: number, signal: AbortSignal | undefined, run: (from: number, to: number) => void, slice = 1 << 20): Promise<void> {
  for (let from = 0; from < count; from += slice) {
    signal?.throwIfAborted();
    run(from, Math.min(count, from + slice));
    if (from + slice < count) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  signal?.throwIfAborted();
}
