import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { retryDelay } from "@/lib/http/policy";
import { checkTarget } from "@/lib/http/public-address";
import { processSingleton } from "@/lib/process-singleton";
import { isShuttingDown, shutdownSignal } from "@/lib/shutdown";
import { sleep } from "@/lib/sleep";
import { postSigned } from "@/lib/webhooks/deliver";
import { INCOMING_PATH } from "@/lib/webhooks/incoming-path";
import { signingKey } from "@/lib/webhooks/keys";
import { signatureHeaders } from "@/lib/webhooks/signature";
import type { EngineRequest } from "./queue";
import { RunError } from "./run-error";

/**
 * The engine's webhooks, as fal sends them: a request submitted with `?fal_webhook=` has its outcome
 * posted there when it ends (done, failed or cancelled), signed with the engine's own Ed25519 key
 * (published where fal publishes its keys, rest.fal.ai/.well-known/jwks.json), retried with backoff
 * up to STUDIO_WEBHOOK_ATTEMPTS, and kept with the request so a restart resumes it. Anyone who can
 * reach the studio can reach the engine, so it posts only to the studio's own webhook route or to a
 * public address (checked again before every attempt), never follows a redirect.
 */

export type EngineWebhook = { url: string; state: "pending" | "delivered" | "failed"; attempts: number };

const ENGINE_USER_ID = "local-engine";
const MAX_DELAY_MS = 10 * 60 * 1000;

/** The studio's own webhook route, on its public or internal address. */
function isStudioRoute(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const own = [env().STUDIO_PUBLIC_URL, env().STUDIO_INTERNAL_URL].some((base) => base && new URL(base).origin === url.origin);
  return own && url.pathname === INCOMING_PATH && !url.search && !url.username && !url.password;
}

/** At submit: the webhook a request will post to, or fal's 422 on `fal_webhook`. */
export async function webhookFor(raw: string): Promise<EngineWebhook> {
  if (!isStudioRoute(raw)) {
    try {
      await checkTarget(raw, { allowPrivate: env().STUDIO_WEBHOOK_ALLOW_PRIVATE });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw new RunError(422, [{ loc: ["query", "fal_webhook"], msg: err.message, type: "value_error" }]);
    }
  }
  return { url: raw, state: "pending", attempts: 0 };
}

/** fal's webhook body: the output under `payload`, or the error status and body. */
function bodyOf(req: EngineRequest) {
  const common = { request_id: req.id, gateway_request_id: req.id };
  return req.error
    ? { ...common, status: "ERROR", error: `Invalid status code: ${req.error.status}`, payload: { detail: req.error.detail } }
    : { ...common, status: "OK", payload: req.output ?? null };
}

const delivering = () => processSingleton("engine-webhooks-delivering", () => new Set<string>());

/** Posts a finished request's webhook until it is taken or the attempts run out; `save` persists each attempt. */
export async function deliverEngineWebhook(req: EngineRequest, save: (req: EngineRequest) => void): Promise<void> {
  const hook = req.webhook;
  if (!hook || hook.state !== "pending" || delivering().has(req.id)) return;
  delivering().add(req.id);
  try {
    const body = new TextEncoder().encode(JSON.stringify(bodyOf(req)));
    while (hook.state === "pending") {
      if (hook.attempts > 0) await sleep(retryDelay(hook.attempts - 1, { baseDelayMs: env().STUDIO_WEBHOOK_BACKOFF_MS, maxDelayMs: MAX_DELAY_MS }), shutdownSignal());
      // Stopping: the delivery stays pending on disk and resumes at the next start.
      if (isShuttingDown()) return;
      const signature = signatureHeaders("fal", { requestId: req.id, userId: ENGINE_USER_ID, body }, signingKey("engine").privateKey);
      const outcome = await postSigned(hook.url, body, signature, { own: isStudioRoute(hook.url) });
      hook.attempts++;
      // Like fal, any answer but a 2xx is tried again; a target refused by the address check is not.
      const again = outcome.status !== undefined || outcome.retry;
      hook.state = !outcome.error ? "delivered" : again && hook.attempts < env().STUDIO_WEBHOOK_ATTEMPTS ? "pending" : "failed";
      if (outcome.error) console.warn(`[studio] local engine: webhook of request ${req.id}, attempt ${hook.attempts}: ${outcome.error}`);
      save(req);
    }
  } finally {
    delivering().delete(req.id);
  }
}
