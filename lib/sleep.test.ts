import { describe, expect, it } from "vitest";
import { abortRegistrations } from "@/test/abort-registrations";
import { sleep } from "./sleep";

describe("sleep", () => {
  it("ends early when any of its signals aborts, and leaves no listener on the others", async () => {
    const longLived = new AbortController();
    const notice = new AbortController();
    const started = Date.now();
    const pause = sleep(10_000, longLived.signal, undefined, notice.signal);
    expect(abortRegistrations(longLived.signal)).toBe(1);
    notice.abort();
    await pause;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(abortRegistrations(longLived.signal)).toBe(0);
  });

  it("leaves no listener behind when it runs out, however often it is called", async () => {
    const longLived = new AbortController();
    for (let i = 0; i < 5; i++) await sleep(1, longLived.signal);
    expect(abortRegistrations(longLived.signal)).toBe(0);
  });
});
