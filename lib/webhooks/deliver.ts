import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createPolicyFetch, isRetryableStatus, retryDelay } from "@/lib/http/policy";
import { checkTarget, pinnedFetch } from "@/lib/http/public-address";
import { publicRecord } from "@/lib/jobs/public-record";
import { getJob, updateJob } from "@/lib/jobs/repository";
import { processSingleton } from "@/lib/process-singleton";
import { isShuttingDown, shutdownSignal } from "@/lib/shutdown";
import { sleep } from "@/lib/sleep";
import { signingKey } from "./keys";
import { signatureHeaders } from "./signature";

/**
 * Posts a finished job's record to its webhookUrl, signed as fal signs its own (X-Studio-Webhook-*,
 * key at /.well-known/jwks.json), and records every attempt on the job. The target is checked
 * before every attempt (it may resolve elsewhere by then) and connected to at the checked address;
 * redirects are not followed. Network errors, timeouts, 408/429/5xx are retried with backoff;
 * any other answer, or a refused target, ends the delivery.
 */

const MAX_DELAY_MS = 10 * 60 * 1000;
/** Which jobs this process is delivering now, so the sweeper and a fresh ending do not double up. */
const delivering = () => processSingleton("webhooks-delivering", () => new Set<string>());

/** The origin links in the body are made from. */
export const publicOrigin = () => (env().STUDIO_PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

export type Outcome = { status?: number; error?: string; retry: boolean };

/**
 * One signed POST and what to do next. A target that is not the studio's own is checked now (it may
 * resolve elsewhere by then) and connected to at the checked address; redirects are never followed.
 */
export async function postSigned(url: string, body: Uint8Array<ArrayBuffer>, signature: Record<string, string>, opts: { own?: boolean } = {}): Promise<Outcome> {
  let send: typeof fetch;
  let href = url;
  if (opts.own) {
    send = createPolicyFetch({ retries: 0, timeoutMs: env().STUDIO_HTTP_TIMEOUT_MS });
  } else {
    let target;
    try {
      target = await checkTarget(url, { allowPrivate: env().STUDIO_WEBHOOK_ALLOW_PRIVATE });
    } catch (err) {
      const unresolved = err instanceof AppError && err.code === "unavailable";
      return { error: `${unresolved ? "Not sent" : "Refused"}: ${err instanceof Error ? err.message : String(err)}`, retry: unresolved };
    }
    send = createPolicyFetch({ retries: 0, timeoutMs: env().STUDIO_HTTP_TIMEOUT_MS, fetchImpl: pinnedFetch(target) });
    href = target.url.href;
  }
  try {
    const res = await send(href, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/json", "user-agent": "Studio-Webhooks/1", ...signature },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { status: res.status, retry: false };
    if (res.status >= 300 && res.status < 400) return { status: res.status, error: "Redirects are not followed; give the final URL.", retry: false };
    return { status: res.status, error: `The receiver answered HTTP ${res.status}.`, retry: isRetryableStatus(res.status) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err), retry: true };
  }
}

function attempt(url: string, id: string, body: string): Promise<Outcome> {
  const bytes = new TextEncoder().encode(body);
  return postSigned(url, bytes, signatureHeaders("studio", { requestId: id, userId: "studio", body: bytes }, signingKey("studio").privateKey));
}

export async function deliverWebhook(id: string): Promise<void> {
  if (delivering().has(id)) return;
  delivering().add(id);
  try {
    for (;;) {
      const job = await getJob(id);
      if (!job?.webhook || job.webhook.state !== "pending" || isShuttingDown()) return;
      const n = job.webhook.attempts.length;
      if (n > 0) await sleep(retryDelay(n - 1, { baseDelayMs: env().STUDIO_WEBHOOK_BACKOFF_MS, maxDelayMs: MAX_DELAY_MS }), shutdownSignal());
      if (isShuttingDown()) return;
      const started = Date.now();
      const outcome = await attempt(job.webhook.url, id, JSON.stringify(publicRecord(job, publicOrigin())));
      const last = n + 1 >= env().STUDIO_WEBHOOK_ATTEMPTS;
      const state = !outcome.error ? "delivered" : outcome.retry && !last ? "pending" : "failed";
      if (outcome.error) console.warn(`[studio] webhook of job ${id}, attempt ${n + 1}: ${outcome.error}`);
      await updateJob(id, (j) => {
        if (!j.webhook) return;
        j.webhook.attempts.push({ at: new Date(started).toISOString(), ms: Date.now() - started, ...(outcome.status ? { status: outcome.status } : {}), ...(outcome.error ? { error: outcome.error } : {}) });
        j.webhook.state = state;
      });
      if (state !== "pending") return;
    }
  } finally {
    delivering().delete(id);
  }
}
