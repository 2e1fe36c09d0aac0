import { describe, expect, it } from "vitest";
import { whenIdle } from "./idle";

/** Holds the thread for `ms`, as loading and rendering a page does. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("whenIdle", () => {
  it("resolves once the thread has been quiet for quietMs", async () => {
    const started = performance.now();
    await whenIdle({ quietMs: 50, maxMs: 4_000 });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(50);
    // Well before maxMs: it was the quiet that ended the wait.
    expect(took).toBeLessThan(3_000);
  });

  it("waits while the thread is kept busy, and counts the quiet from the last busy spell", async () => {
    const started = performance.now();
    let lastBusyEnd = 0;
    const load = setInterval(() => {
      if (performance.now() - started < 300) {
        busy(30);
        lastBusyEnd = performance.now();
      }
    }, 5);
    try {
      await whenIdle({ quietMs: 100, maxMs: 5_000 });
      expect(performance.now() - lastBusyEnd).toBeGreaterThanOrEqual(100);
      expect(lastBusyEnd - started).toBeGreaterThanOrEqual(250);
    } finally {
      clearInterval(load);
    }
  });

  it("gives up waiting after maxMs on a thread that is never quiet", async () => {
    const started = performance.now();
    const load = setInterval(() => busy(30), 5);
    try {
      await whenIdle({ quietMs: 100, maxMs: 400 });
    } finally {
      clearInterval(load);
    }
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(2_000);
  });
});
