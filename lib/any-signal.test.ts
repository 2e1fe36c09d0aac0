import { describe, expect, it } from "vitest";
import { abortRegistrations } from "@/test/abort-registrations";
import { anySignal } from "./any-signal";

describe("anySignal", () => {
  it("aborts with the reason of whichever source aborts first, and then lets go of the others", () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const { signal } = anySignal([a.signal, undefined, b.signal]);
    expect(signal.aborted).toBe(false);
    b.abort("cancelled");
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("cancelled");
    expect(abortRegistrations(a.signal)).toBe(0);
  });

  it("is aborted at once when a source already is", () => {
    const done = new AbortController();
    done.abort("over");
    const { signal } = anySignal([new AbortController().signal, done.signal]);
    expect(signal.reason).toBe("over");
  });

  it("leaves nothing on a long-lived source once disposed, however often it is made, and no longer follows it", () => {
    const longLived = new AbortController();
    const made = Array.from({ length: 100 }, () => {
      const any = anySignal([longLived.signal, new AbortController().signal]);
      any.dispose();
      return any.signal;
    });
    expect(abortRegistrations(longLived.signal)).toBe(0);
    longLived.abort();
    expect(made.filter((s) => s.aborted)).toHaveLength(0);
  });
});
