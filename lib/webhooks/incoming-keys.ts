import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { processSingleton } from "@/lib/process-singleton";
import { outboundFetch } from "@/lib/providers/fal";
import { jwksSchema, type Ed25519Jwk } from "./signature";
import { errorText } from "@/lib/secrets";

/**
 * fal's webhook keys (FAL_WEBHOOK_JWKS_URL), fetched through the one policy fetch (which sends fal's
 * hosts to the local engine when it stands in for fal) and kept for a day, as fal allows. A delivery
 * no kept key verifies may mean fal rotated its keys, so the set is fetched again, but at most once
 * a minute: forged deliveries cannot make the studio hammer the URL.
 */

export const KEYS_TTL_MS = 24 * 60 * 60 * 1000;
export const REFETCH_MIN_MS = 60 * 1000;
const MAX_JWKS_BYTES = 64 * 1024;

type Cache = { url: string; keys?: Ed25519Jwk[]; fetchedAt: number; triedAt: number; inflight?: Promise<Ed25519Jwk[]> };

const cache = () => processSingleton<{ current?: Cache }>("fal-webhook-jwks", () => ({}));

function current(): Cache {
  const box = cache();
  const url = env().FAL_WEBHOOK_JWKS_URL;
  if (box.current?.url !== url) box.current = { url, fetchedAt: 0, triedAt: 0 };
  return box.current;
}

async function download(url: string): Promise<Ed25519Jwk[]> {
  let res: Response;
  try {
    res = await outboundFetch()(url, { headers: { accept: "application/json" } });
  } catch (err) {
    throw new AppError("unavailable", `fal's webhook keys could not be fetched: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new AppError("unavailable", `fal's webhook keys could not be fetched: HTTP ${res.status}.`);
  }
  let parsed;
  try {
    parsed = jwksSchema.safeParse(JSON.parse((await readBodyBytes(res, MAX_JWKS_BYTES, "fal's JWKS")).toString("utf8")));
  } catch (err) {
    throw new AppError("unavailable", `fal's webhook keys could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!parsed.success || parsed.data.length === 0) throw new AppError("unavailable", "fal's JWKS holds no Ed25519 key.");
  return parsed.data;
}

function fetchNow(c: Cache): Promise<Ed25519Jwk[]> {
  c.triedAt = Date.now();
  c.inflight = download(c.url)
    .then((keys) => {
      c.keys = keys;
      c.fetchedAt = Date.now();
      return keys;
    })
    .finally(() => {
      c.inflight = undefined;
    });
  return c.inflight;
}

/** The kept keys, fetched when there are none yet or they are a day old (503 while they cannot be had). */
export async function falWebhookKeys(): Promise<Ed25519Jwk[]> {
  const c = current();
  if (c.inflight) return c.inflight;
  if (c.keys && Date.now() - c.fetchedAt < KEYS_TTL_MS) return c.keys;
  if (Date.now() - c.triedAt < REFETCH_MIN_MS) {
    if (c.keys) return c.keys;
    throw new AppError("unavailable", "fal's webhook keys could not be fetched a moment ago; the delivery is retried later.");
  }
  return fetchNow(c);
}

/** Fetches the keys again unless that was tried within the last minute; the keys to verify with. */
export async function refreshedFalWebhookKeys(): Promise<Ed25519Jwk[] | undefined> {
  const c = current();
  if (c.inflight) return c.inflight;
  if (Date.now() - c.triedAt < REFETCH_MIN_MS) return undefined;
  return fetchNow(c).catch((err: unknown) => {
    // The kept keys stay in use; the refused delivery is retried by fal.
    console.warn(`[studio] ${errorText(err)}`);
    return undefined;
  });
}
