import "server-only";
import { z } from "zod";
import { engines, env } from "@/lib/env";
import { checkTargetForm } from "@/lib/http/public-address";
import { processSingleton } from "@/lib/process-singleton";
import { falWebhookKeys, refreshedFalWebhookKeys } from "./incoming-keys";
import { INCOMING_PATH } from "./incoming-path";
import { readSignature, TOLERANCE_SEC, verifyWebhook, webhookHeaderNames, type Verified } from "./signature";

/**
 * fal's webhooks to the studio (POST /api/webhooks/fal). A delivery only wakes the job's driver,
 * which reads the request's status and result from fal as polling does: nothing in the body is
 * trusted for the job, so a delivery can at most make the studio look sooner.
 */

/** How long a job waits between status checks when fal's webhook is expected and STUDIO_FAL_POLL_MS is 0. */
export const SAFETY_NET_POLL_MS = 60_000;
/** Without a webhook, polling is the only way to learn a request ended. */
const POLL_WITHOUT_WEBHOOK_MS = 500;

/**
 * Where fal posts when a job's request ends: only when the studio knows its public address, and for
 * fal.ai only when that address is one fal can reach (not loopback, a private range or a LAN name);
 * the local engine is this same server and reaches its own address.
 */
export function falWebhookUrl(): string | undefined {
  const base = env().STUDIO_PUBLIC_URL;
  if (!base) return undefined;
  const url = `${base.replace(/\/$/, "")}${INCOMING_PATH}`;
  if (engines().fal === "fal") {
    try {
      checkTargetForm(url);
    } catch {
      return undefined;
    }
  }
  return url;
}

/** The longest wait between a fal job's status checks; a webhook ends a wait early. */
export function falPollMs(): number {
  const setting = env().STUDIO_FAL_POLL_MS;
  if (setting > 0) return setting;
  return falWebhookUrl() ? SAFETY_NET_POLL_MS : POLL_WITHOUT_WEBHOOK_MS;
}

/** fal's webhook body; only the request id is used (the driver reads the rest from fal). */
export const falWebhookBodySchema = z.object({
  request_id: z.string().min(1).max(200),
  gateway_request_id: z.string().max(200).optional(),
  status: z.enum(["OK", "ERROR"]),
  payload: z.unknown().optional(),
  error: z.string().optional(),
  payload_error: z.string().optional(),
});

/**
 * Checks a delivery against fal's keys; when none verifies it, once more with a fresh set (a
 * rotation). Unsigned, unreadable or stale deliveries are refused before any key is fetched.
 */
export async function verifyFalDelivery(headers: Headers, body: Uint8Array): Promise<Verified> {
  const read = readSignature("fal", headers);
  if (!read.ok) return read;
  const result = verifyWebhook("fal", headers, body, await falWebhookKeys());
  if (result.ok || result.code !== "unverified") return result;
  const fresh = await refreshedFalWebhookKeys();
  return fresh ? verifyWebhook("fal", headers, body, fresh) : result;
}

const MAX_REMEMBERED = 10_000;

/** Signatures of accepted deliveries, until their timestamps leave the ±300 s window (oldest first). */
const accepted = () => processSingleton("fal-webhooks-accepted", () => new Map<string, number>());

/**
 * True the first time an accepted delivery's signature is seen, false for an exact replay. A replay
 * older than the window is refused by its timestamp already, so a signature is kept only that long.
 */
export function firstDelivery(headers: Headers, timestamp: number): boolean {
  const seen = accepted();
  const now = Date.now();
  for (const [signature, until] of seen) {
    if (until > now && seen.size < MAX_REMEMBERED) break;
    seen.delete(signature);
  }
  const signature = (headers.get(webhookHeaderNames("fal").signature) ?? "").toLowerCase();
  if (seen.has(signature)) return false;
  seen.set(signature, (timestamp + TOLERANCE_SEC) * 1000);
  return true;
}

const REFUSALS_LOGGED_PER_MINUTE = 30;
const refusalLog = () => processSingleton("fal-webhook-refusal-log", () => ({ since: 0, logged: 0, skipped: 0 }));

/**
 * Logs a refused delivery, up to 30 a minute: anyone can post to the route, and a flood of
 * forgeries must not become a flood in the log. What was left out is counted in the next minute.
 */
export function logRefusal(line: string): void {
  const log = refusalLog();
  if (Date.now() - log.since >= 60_000) {
    if (log.skipped) console.warn(`[studio] ${log.skipped} more fal webhook refusal(s) in the minute before were not logged`);
    Object.assign(log, { since: Date.now(), logged: 0, skipped: 0 });
  }
  if (log.logged < REFUSALS_LOGGED_PER_MINUTE) {
    log.logged++;
    console.warn(line);
  } else log.skipped++;
}

/** A request id from a header, fit for a log line whatever was sent. */
export const loggableId = (value: string | null) => (value ? value.replace(/[^\w.:-]/g, "?").slice(0, 100) : "(none)");
