import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { publicJwk, signatureHeaders, verifyWebhook, type Vendor } from "./signature";

/** fal's webhook signature, as the studio checks fal's (and the local engine's) and signs its own. */
const sender = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const keys = [publicJwk(sender.publicKey)];
const body = new TextEncoder().encode(JSON.stringify({ request_id: "req-1", status: "OK", payload: { images: [] } }));
const now = 1_780_000_000;

function signed(vendor: Vendor = "fal", overrides: { key?: typeof sender; timestamp?: number } = {}) {
  return new Headers(signatureHeaders(vendor, { requestId: "req-1", userId: "user-9", timestamp: overrides.timestamp ?? now, body }, (overrides.key ?? sender).privateKey));
}

describe("verifyWebhook", () => {
  it("takes a delivery signed by a published key", () => {
    expect(verifyWebhook("fal", signed(), body, keys, now)).toEqual({ ok: true, requestId: "req-1", userId: "user-9", timestamp: now });
  });

  it("refuses a forged signature", () => {
    const headers = signed();
    const sig = headers.get("x-fal-webhook-signature")!;
    headers.set("x-fal-webhook-signature", (sig[0] === "0" ? "1" : "0") + sig.slice(1));
    expect(verifyWebhook("fal", headers, body, keys, now)).toMatchObject({ ok: false, code: "unverified", reason: /no published key/ });
  });

  it("refuses a signature made with a key that is not published", () => {
    expect(verifyWebhook("fal", signed("fal", { key: other }), body, keys, now)).toMatchObject({ ok: false, code: "unverified" });
  });

  it("takes any key of the set (rotation)", () => {
    expect(verifyWebhook("fal", signed("fal", { key: other }), body, [...keys, publicJwk(other.publicKey)], now).ok).toBe(true);
  });

  it("refuses stale and future timestamps, past 300 s either way", () => {
    expect(verifyWebhook("fal", signed("fal", { timestamp: now - 301 }), body, keys, now)).toMatchObject({ ok: false, code: "stale", reason: /behind/ });
    expect(verifyWebhook("fal", signed("fal", { timestamp: now + 301 }), body, keys, now)).toMatchObject({ ok: false, code: "stale", reason: /ahead/ });
    expect(verifyWebhook("fal", signed("fal", { timestamp: now - 299 }), body, keys, now).ok).toBe(true);
  });

  it("refuses a replayed delivery once its timestamp is old", () => {
    const headers = signed();
    expect(verifyWebhook("fal", headers, body, keys, now).ok).toBe(true);
    expect(verifyWebhook("fal", headers, body, keys, now + 600).ok).toBe(false);
  });

  it("refuses a body with one byte changed", () => {
    const altered = body.slice();
    altered[10] = altered[10]! ^ 1;
    expect(verifyWebhook("fal", signed(), altered, keys, now).ok).toBe(false);
  });

  it("refuses a timestamp changed after signing", () => {
    const headers = signed();
    headers.set("x-fal-webhook-timestamp", String(now + 1));
    expect(verifyWebhook("fal", headers, body, keys, now).ok).toBe(false);
  });

  it.each(["request-id", "user-id", "timestamp", "signature"])("refuses a delivery without X-Fal-Webhook-%s", (name) => {
    const headers = signed();
    headers.delete(`x-fal-webhook-${name}`);
    expect(verifyWebhook("fal", headers, body, keys, now)).toMatchObject({ ok: false, code: "malformed", reason: /missing/ });
  });

  it("refuses a delivery pointed at another request (the request id is signed)", () => {
    const headers = signed();
    headers.set("x-fal-webhook-request-id", "req-2");
    expect(verifyWebhook("fal", headers, body, keys, now)).toMatchObject({ ok: false, code: "unverified" });
  });

  it("keeps the studio's headers apart from fal's", () => {
    expect(verifyWebhook("fal", signed("studio"), body, keys, now).ok).toBe(false);
    expect(verifyWebhook("studio", signed("studio"), body, keys, now).ok).toBe(true);
  });

  it("says so when no key is published", () => {
    expect(verifyWebhook("fal", signed(), body, [], now)).toMatchObject({ ok: false, reason: /no Ed25519 key/ });
  });
});
