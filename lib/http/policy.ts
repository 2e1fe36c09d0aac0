/**
 * The one timeout/retry/backoff policy for every outbound call (fal, OpenAI, media downloads).
 * SDKs get `policyFetch` as their fetch and have their own retries turned off, so a call is
 * retried in exactly one place.
 */

import { anySignal } from "@/lib/any-signal";
import { sleep } from "@/lib/sleep";

export type RetryPolicy = {
  /**
   * Per-attempt timeout. An event stream (`text/event-stream`) is long-lived by nature: once its
   * headers have arrived it is timed out only when no bytes arrive for this long (an idle timeout).
   */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_POLICY: RetryPolicy = { timeoutMs: 60_000, retries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with full jitter; a server's Retry-After wins when it asks for longer,
 * capped at maxDelayMs so one bad header cannot park a job for hours.
 */
export function retryDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

export class TimeoutError extends Error {
  constructor(url: string, ms: number) {
    super(`Request to ${new URL(url).host} timed out after ${ms} ms`);
    this.name = "TimeoutError";
  }
}

function isReplayable(body: RequestInit["body"]): boolean {
  return body == null || typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body) ||
    body instanceof Blob || body instanceof URLSearchParams || body instanceof FormData;
}

/** A per-attempt deadline that can be moved on (an event stream's idle timeout). */
function deadline(ms: number, url: string) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new TimeoutError(url, ms)), ms);
    timer.unref?.();
  };
  restart();
  return { signal: controller.signal, restart, clear: () => clearTimeout(timer) };
}

/**
 * An event stream's body under an idle timeout: each chunk moves the deadline on. The body ends
 * with the abort's reason when the deadline passes or the caller aborts, also where the response
 * did not come over the network (an in-process handler ignores the fetch's signal). `release`
 * runs once the body is over, however it ends.
 */
function idleTimed(res: Response, timer: ReturnType<typeof deadline>, release: () => void, signal: AbortSignal): Response {
  const reader = res.body!.getReader();
  const end = () => {
    timer.clear();
    release();
  };
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = () => {
        end();
        controller.error(signal.reason);
        reader.cancel(signal.reason).catch(() => undefined);
      };
      if (signal.aborted) stop();
      else signal.addEventListener("abort", stop, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) {
          signal.removeEventListener("abort", stop);
          end();
          controller.close();
        } else {
          timer.restart();
          controller.enqueue(value);
        }
      } catch (err) {
        end();
        controller.error(signal.aborted ? signal.reason : err);
      }
    },
    cancel(reason) {
      signal.removeEventListener("abort", stop);
      end();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

export type PolicyFetchOptions = Partial<RetryPolicy> & {
  /** Rewrites the URL before each attempt (the local engine's address mapping). */
  rewrite?: (url: string) => string;
  fetchImpl?: typeof fetch;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; url: string }) => void;
};

/** Builds a `fetch` that applies the policy; hand it to SDKs as their fetch. */
export function createPolicyFetch(options: PolicyFetchOptions = {}): typeof fetch {
  const policy: RetryPolicy = {
    timeoutMs: options.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
    retries: options.retries ?? DEFAULT_POLICY.retries,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_POLICY.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_POLICY.maxDelayMs,
  };
  const doFetch = options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  const policyFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const original = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const url = options.rewrite ? options.rewrite(original) : original;
    const retries = isReplayable(init.body) ? policy.retries : 0;
    const callerSignal = init.signal ?? undefined;

    for (let attempt = 0; ; attempt++) {
      const timer = deadline(policy.timeoutMs, url);
      const timeout = timer.signal;
      // The caller's signal is often the shutdown signal, which outlives every call: the attempt lets
      // go of it when it is over (for a body read in full: when the deadline passes, as the timer does).
      const { signal, dispose } = anySignal([callerSignal, timeout]);
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await doFetch(url, { ...init, signal });
        if (!isRetryableStatus(response.status) || attempt >= retries) {
          const stream = response.ok && response.body && response.headers.get("content-type")?.startsWith("text/event-stream");
          return stream ? idleTimed(response, timer, dispose, signal) : response;
        }
        timer.clear();
        dispose();
        reason = `HTTP ${response.status}`;
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        await response.body?.cancel().catch(() => undefined);
      } catch (err) {
        dispose();
        if (callerSignal?.aborted) throw err;
        const timedOut = timeout.aborted;
        if (attempt >= retries) throw timedOut ? new TimeoutError(url, policy.timeoutMs) : err;
        reason = timedOut ? "timeout" : err instanceof Error ? err.message : "network error";
      }
      const delayMs = retryDelay(attempt, policy, retryAfterMs);
      options.onRetry?.({ attempt: attempt + 1, delayMs, reason, url });
      await sleep(delayMs, callerSignal);
      callerSignal?.throwIfAborted();
    }
  };
  return policyFetch as typeof fetch;
}
