import { setTimeout as tick } from "node:timers/promises";

const TICK_MS = 10;
// A tick this much late means something held the thread (loading a page's modules, rendering it).
const LATE_MS = 5;

/**
 * Resolves once the event loop has gone `quietMs` with every short timer on time: nothing is
 * loading or rendering on the one thread. At the latest after `maxMs`, so a server kept busy from
 * its start still gets to what waits for this.
 */
export async function whenIdle({ quietMs, maxMs }: { quietMs: number; maxMs: number }): Promise<void> {
  const start = performance.now();
  let quietSince = start;
  for (let before = start; before - start < maxMs; ) {
    await tick(TICK_MS);
    const now = performance.now();
    if (now - before > TICK_MS + LATE_MS) quietSince = now;
    else if (now - quietSince >= quietMs) return;
    before = now;
  }
}
