import "server-only";
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * Webhook signatures as fal defines them, used both ways: fal (and the local engine) sign what they
 * send the studio, the studio signs what it sends a job's webhookUrl. The signed message is
 * `request id \n user id \n timestamp \n sha256hex(raw body)`, the signature hex Ed25519, carried
 * in `X-<Vendor>-Webhook-{Request-Id,User-Id,Timestamp,Signature}`; the receiver accepts it if any
 * Ed25519 key of the sender's JWKS verifies it and the timestamp is within ±300 s of its clock.
 */

export const TOLERANCE_SEC = 300;

export type SignedParts = { requestId: string; userId: string; timestamp: number; body: Uint8Array };

/** `fal` for fal's webhooks (and the local engine's), `studio` for the studio's own. */
export type Vendor = "fal" | "studio";

export const webhookHeaderNames = (vendor: Vendor) => {
  const p = `x-${vendor}-webhook-`;
  return { requestId: `${p}request-id`, userId: `${p}user-id`, timestamp: `${p}timestamp`, signature: `${p}signature` } as const;
};

const sha256hex = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export const signedMessage = (p: SignedParts) => Buffer.from(`${p.requestId}\n${p.userId}\n${p.timestamp}\n${sha256hex(p.body)}`, "utf8");

/** The four headers that sign `body` (Ed25519 has no digest choice: the algorithm is null). */
export function signatureHeaders(vendor: Vendor, parts: Omit<SignedParts, "timestamp"> & { timestamp?: number }, privateKey: KeyObject): Record<string, string> {
  const full = { ...parts, timestamp: parts.timestamp ?? Math.floor(Date.now() / 1000) };
  const names = webhookHeaderNames(vendor);
  return {
    [names.requestId]: full.requestId,
    [names.userId]: full.userId,
    [names.timestamp]: String(full.timestamp),
    [names.signature]: sign(null, signedMessage(full), privateKey).toString("hex"),
  };
}

/** An Ed25519 public key as a JWKS lists it; other keys in a set are ignored. */
export const ed25519JwkSchema = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1), kid: z.string().optional() }).passthrough();
export type Ed25519Jwk = z.infer<typeof ed25519JwkSchema>;
export const jwksSchema = z.object({ keys: z.array(z.unknown()) }).transform(({ keys }) => keys.flatMap((k) => {
  const parsed = ed25519JwkSchema.safeParse(k);
  return parsed.success ? [parsed.data] : [];
}));

/** The JWK of a public key, its kid the RFC 7638 thumbprint. */
export function publicJwk(publicKey: KeyObject): Ed25519Jwk & { kid: string; use: "sig"; alg: "EdDSA" } {
  const { x } = publicKey.export({ format: "jwk" }) as { x: string };
  const kid = createHash("sha256").update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x })).digest("base64url");
  return { kty: "OKP", crv: "Ed25519", x, kid, use: "sig", alg: "EdDSA" };
}

/** Why a delivery was refused: its headers cannot be read, its time is off, or no key verifies it (the one a key rotation explains). */
export type RefusalCode = "malformed" | "stale" | "unverified";

export type Verified = { ok: true; requestId: string; userId: string; timestamp: number } | Refused;

type Refused = { ok: false; code: RefusalCode; reason: string };

/** The signature headers, read and checked against the clock before any key is looked at. */
export function readSignature(vendor: Vendor, headers: Headers, nowSec = Math.floor(Date.now() / 1000)): { ok: true; requestId: string; userId: string; timestamp: number; signature: Buffer } | Refused {
  const names = webhookHeaderNames(vendor);
  const requestId = headers.get(names.requestId);
  const userId = headers.get(names.userId);
  const stamp = headers.get(names.timestamp);
  const signature = headers.get(names.signature);
  if (!requestId || !userId || !stamp || !signature) return { ok: false, code: "malformed", reason: "missing signature headers" };
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, code: "malformed", reason: "unreadable timestamp" };
  const timestamp = Number(stamp);
  if (Math.abs(nowSec - timestamp) > TOLERANCE_SEC) return { ok: false, code: "stale", reason: `timestamp ${timestamp - nowSec > 0 ? "ahead of" : "behind"} this clock by more than ${TOLERANCE_SEC} s` };
  if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, code: "malformed", reason: "unreadable signature" };
  return { ok: true, requestId, userId, timestamp, signature: Buffer.from(signature, "hex") };
}

/** Checks a delivery's headers and raw body against a JWKS; says why when it does not hold. */
export function verifyWebhook(vendor: Vendor, headers: Headers, body: Uint8Array, keys: readonly Ed25519Jwk[], nowSec = Math.floor(Date.now() / 1000)): Verified {
  const read = readSignature(vendor, headers, nowSec);
  if (!read.ok) return read;
  const { requestId, userId, timestamp } = read;
  const message = signedMessage({ requestId, userId, timestamp, body });
  for (const jwk of keys) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
    } catch {
      continue;
    }
    if (verify(null, message, key, read.signature)) return { ok: true, requestId, userId, timestamp };
  }
  return { ok: false, code: "unverified", reason: keys.length ? "no published key verifies the signature" : "no Ed25519 key is published" };
}
