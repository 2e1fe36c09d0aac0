import { describe, expect, it } from "vitest";
import { onRequestEvent, signalRequest, watchRequest } from "./request-events";

/** The in-process notices a webhook sends to whoever follows a request. */

const elapsed = async (work: Promise<void>) => {
  const started = performance.now();
  await work;
  return performance.now() - started;
};

describe("request events", () => {
  it("wake a wait early, for that request only", async () => {
    const watch = watchRequest("req-a");
    setTimeout(() => {
      expect(signalRequest("req-b")).toBe(0);
      expect(signalRequest("req-a")).toBe(1);
    }, 20);
    expect(await elapsed(watch.next(5_000))).toBeLessThan(1_000);
    watch.close();
  });

  it("keep a notice that came between waits for the next one", async () => {
    const watch = watchRequest("req-c");
    signalRequest("req-c");
    expect(await elapsed(watch.next(5_000))).toBeLessThan(100);
    // Taken: the wait after it runs its full time again.
    expect(await elapsed(watch.next(60))).toBeGreaterThanOrEqual(50);
    watch.close();
  });

  it("stop reaching a closed watch or a removed listener", () => {
    const watch = watchRequest("req-d");
    let heard = 0;
    const off = onRequestEvent("req-d", () => heard++);
    expect(signalRequest("req-d")).toBe(2);
    watch.close();
    off();
    expect(signalRequest("req-d")).toBe(0);
    expect(heard).toBe(1);
  });

  it("end a wait when the caller's signal aborts", async () => {
    const watch = watchRequest("req-e");
    expect(await elapsed(watch.next(5_000, AbortSignal.timeout(20)))).toBeLessThan(1_000);
    watch.close();
  });
});
