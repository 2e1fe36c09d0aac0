import { describe, expect, it, vi } from "vitest";
import { abortRegistrations } from "@/test/abort-registrations";
import { createPolicyFetch, parseRetryAfter, retryDelay, TimeoutError } from "./policy";

const fast = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 1_000 };

function scripted(...steps: (number | Error)[]) {
  const calls: string[] = [];
  const impl = vi.fn(async (url: RequestInfo | URL) => {
    calls.push(String(url));
    const step = steps.shift();
    if (step instanceof Error) throw step;
    return new Response(JSON.stringify({ step }), { status: step ?? 200 });
  });
  return { impl: impl as unknown as typeof fetch, calls };
}

describe("retryDelay", () => {
  it("grows exponentially and stays within the cap", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelay(0, policy, undefined, () => 1)).toBe(100);
    expect(retryDelay(1, policy, undefined, () => 1)).toBe(200);
    expect(retryDelay(3, policy, undefined, () => 1)).toBe(800);
    expect(retryDelay(10, policy, undefined, () => 1)).toBe(1_000);
  });

  it("jitters between half and all of the ceiling", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 10_000 };
    expect(retryDelay(2, policy, undefined, () => 0)).toBe(200);
    expect(retryDelay(2, policy, undefined, () => 0.5)).toBe(300);
  });

  it("honours a longer Retry-After, but never past the cap", () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 5_000 };
    expect(retryDelay(0, policy, 2_000, () => 0)).toBe(2_000);
    expect(retryDelay(0, policy, 60_000, () => 0)).toBe(5_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("createPolicyFetch", () => {
  it("retries 429 and 5xx, then returns the success", async () => {
    const { impl, calls } = scripted(429, 503, 200);
    const res = await createPolicyFetch({ ...fast, retries: 3, fetchImpl: impl })("https://queue.fal.run/x");
    expect(res.status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it("does not retry a 4xx validation error", async () => {
    const { impl, calls } = scripted(422, 200);
    const res = await createPolicyFetch({ ...fast, retries: 3, fetchImpl: impl })("https://queue.fal.run/x");
    expect(res.status).toBe(422);
    expect(calls).toHaveLength(1);
  });

  it("retries network errors and gives up after the budget with the last error", async () => {
    const { impl, calls } = scripted(new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("socket hang up"));
    await expect(createPolicyFetch({ ...fast, retries: 2, fetchImpl: impl })("https://fal.run/x")).rejects.toThrow("socket hang up");
    expect(calls).toHaveLength(3);
  });

  it("returns the last retryable response when the budget runs out", async () => {
    const { impl, calls } = scripted(500, 500);
    const res = await createPolicyFetch({ ...fast, retries: 1, fetchImpl: impl })("https://fal.run/x");
    expect(res.status).toBe(500);
    expect(calls).toHaveLength(2);
  });

  it("waits for Retry-After before the next attempt", async () => {
    const times: number[] = [];
    const impl = (async () => {
      times.push(Date.now());
      return times.length === 1 ? new Response("", { status: 429, headers: { "retry-after": "0.2" } }) : new Response("ok");
    }) as unknown as typeof fetch;
    await createPolicyFetch({ baseDelayMs: 1, maxDelayMs: 1_000, retries: 1, fetchImpl: impl })("https://fal.run/x");
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(190);
  });

  it("times out a hanging attempt and reports a TimeoutError", async () => {
    const impl = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    await expect(createPolicyFetch({ timeoutMs: 50, retries: 1, baseDelayMs: 1, maxDelayMs: 1, fetchImpl: impl })("https://fal.run/x")).rejects.toBeInstanceOf(TimeoutError);
  });

  it("stops at once when the caller aborts", async () => {
    const { impl, calls } = scripted(503, 503, 503);
    const controller = new AbortController();
    const pending = createPolicyFetch({ baseDelayMs: 200, maxDelayMs: 200, retries: 5, timeoutMs: 1_000, fetchImpl: impl })("https://fal.run/x", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    await expect(pending).rejects.toThrow("user cancelled");
    expect(calls).toHaveLength(1);
  });

  it("does not retry a streamed body it cannot replay", async () => {
    const { impl, calls } = scripted(503, 200);
    const body = new ReadableStream({ start: (c) => { c.enqueue(new Uint8Array([1])); c.close(); } });
    const res = await createPolicyFetch({ ...fast, retries: 3, fetchImpl: impl })("https://fal.run/x", { method: "PUT", body, duplex: "half" } as RequestInit);
    expect(res.status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it("rewrites the URL on every attempt", async () => {
    const { impl, calls } = scripted(502, 200);
    await createPolicyFetch({ ...fast, retries: 1, fetchImpl: impl, rewrite: (u) => u.replace("https://queue.fal.run", "http://local") })("https://queue.fal.run/a/b");
    expect(calls).toEqual(["http://local/a/b", "http://local/a/b"]);
  });

  it("times an event stream out when it goes quiet, not while it keeps sending", async () => {
    /** A stream sending a chunk every `everyMs`, `count` times, then falling silent (never closing). */
    const ticking = (everyMs: number, count: number) =>
      (async () => {
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(c) {
            if (sent++ >= count) return new Promise<void>(() => undefined);
            await new Promise((r) => setTimeout(r, everyMs));
            c.enqueue(new TextEncoder().encode(": tick\n\n"));
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      }) as unknown as typeof fetch;
    const res = await createPolicyFetch({ ...fast, timeoutMs: 100, retries: 0, fetchImpl: ticking(30, 10) })("https://queue.fal.run/a/requests/1/status/stream");
    const reader = res.body!.getReader();
    const started = Date.now();
    let chunks = 0;
    const failure = await (async () => {
      for (;;) {
        try {
          const { done } = await reader.read();
          if (done) return undefined;
          chunks++;
        } catch (err) {
          return err;
        }
      }
    })();
    // 10 chunks over ~300 ms (three times the timeout), then cut ~100 ms after the last.
    expect(chunks).toBe(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(failure).toBeInstanceOf(TimeoutError);
  });

  it("lets go of a long-lived caller signal (the shutdown signal) after each call: a stream read to its end, a retried attempt, a whole body once its deadline passes", async () => {
    const longLived = new AbortController();
    const stream = (async () => new Response("data: {}\n\n", { headers: { "content-type": "text/event-stream" } })) as unknown as typeof fetch;
    for (let i = 0; i < 20; i++) await (await createPolicyFetch({ ...fast, fetchImpl: stream })("https://queue.fal.run/a/requests/1/status/stream", { signal: longLived.signal })).text();
    expect(abortRegistrations(longLived.signal)).toBe(0);
    // A 503 retried, then a 422 whose body the caller may still be reading: held until its deadline.
    for (let i = 0; i < 20; i++) await createPolicyFetch({ ...fast, timeoutMs: 100, retries: 1, fetchImpl: scripted(503, 422).impl })("https://fal.run/x", { signal: longLived.signal });
    expect(abortRegistrations(longLived.signal)).toBe(20);
    await new Promise((r) => setTimeout(r, 200));
    expect(abortRegistrations(longLived.signal)).toBe(0);
  });
});
