import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import { useStudioEnv } from "@/test/engine-harness";
import { REFETCH_MIN_MS, KEYS_TTL_MS } from "./incoming-keys";
import { falPollMs, falWebhookUrl, firstDelivery, logRefusal, SAFETY_NET_POLL_MS, verifyFalDelivery } from "./incoming";
import { publicJwk, signatureHeaders } from "./signature";

/** fal's keys as the studio keeps them, replays, and when a webhook is asked for at all. */

const JWKS_URL = "https://keys.example.com/.well-known/jwks.json";
const first = generateKeyPairSync("ed25519");
const rotated = generateKeyPairSync("ed25519");
const forger = generateKeyPairSync("ed25519");
const body = new TextEncoder().encode(JSON.stringify({ request_id: "req-1", status: "OK", payload: {} }));

let published: ReturnType<typeof publicJwk>[];
let fetched: string[];
let jwksStatus: number;

const delivery = (key = first) => new Headers(signatureHeaders("fal", { requestId: "req-1", userId: "u", body }, key.privateKey));
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

beforeEach(async () => {
  await useStudioEnv({ FAL_WEBHOOK_JWKS_URL: JWKS_URL, STUDIO_HTTP_RETRIES: "0" });
  forgetProcessSingleton("fal-webhook-jwks");
  published = [publicJwk(first.publicKey)];
  fetched = [];
  jwksStatus = 200;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    fetched.push(String(input));
    return Response.json({ keys: published }, { status: jwksStatus });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
afterAll(() => forgetProcessSingleton("fal-webhook-jwks"));

describe("fal's webhook keys", () => {
  it("are fetched from FAL_WEBHOOK_JWKS_URL once and kept for a day", async () => {
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    expect(fetched).toEqual([JWKS_URL]);
    advance(KEYS_TTL_MS + 1000);
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    expect(fetched).toHaveLength(2);
  });

  it("pick up a rotation: a delivery no kept key verifies fetches the set again", async () => {
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    published = [publicJwk(rotated.publicKey)];
    advance(REFETCH_MIN_MS + 1000);
    expect(await verifyFalDelivery(delivery(rotated), body)).toMatchObject({ ok: true });
    expect(fetched).toHaveLength(2);
  });

  it("are fetched again at most once a minute, however many forgeries arrive", async () => {
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    advance(REFETCH_MIN_MS + 1000);
    for (let i = 0; i < 20; i++) expect(await verifyFalDelivery(delivery(forger), body)).toMatchObject({ ok: false, code: "unverified" });
    expect(fetched).toHaveLength(2);
    advance(REFETCH_MIN_MS + 1000);
    await verifyFalDelivery(delivery(forger), body);
    expect(fetched).toHaveLength(3);
  });

  it("are not fetched again for a delivery refused before any key is tried (stale)", async () => {
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
    advance(REFETCH_MIN_MS + 1000);
    const stale = new Headers(signatureHeaders("fal", { requestId: "req-1", userId: "u", body, timestamp: Math.floor(Date.now() / 1000) - 400 }, first.privateKey));
    expect(await verifyFalDelivery(stale, body)).toMatchObject({ ok: false, code: "stale" });
    expect(fetched).toHaveLength(1);
  });

  it("are not fetched at all for an unsigned delivery, so a JWKS outage cannot turn its 401 into a 503", async () => {
    jwksStatus = 500;
    expect(await verifyFalDelivery(new Headers(), body)).toMatchObject({ ok: false, code: "malformed" });
    expect(fetched).toEqual([]);
  });

  it("that cannot be fetched answer 503 (fal retries), without asking again within a minute", async () => {
    jwksStatus = 500;
    await expect(verifyFalDelivery(delivery(), body)).rejects.toMatchObject({ code: "unavailable", status: 503 });
    jwksStatus = 200;
    await expect(verifyFalDelivery(delivery(), body)).rejects.toMatchObject({ code: "unavailable" });
    expect(fetched).toHaveLength(1);
    advance(REFETCH_MIN_MS + 1000);
    expect(await verifyFalDelivery(delivery(), body)).toMatchObject({ ok: true });
  });
});

describe("replays", () => {
  it("take a delivery once; the same signature again is a replay, another one is not", () => {
    const headers = delivery();
    const now = Math.floor(Date.now() / 1000);
    expect(firstDelivery(headers, now)).toBe(true);
    expect(firstDelivery(headers, now)).toBe(false);
    const upper = new Headers(headers);
    upper.set("x-fal-webhook-signature", headers.get("x-fal-webhook-signature")!.toUpperCase());
    expect(firstDelivery(upper, now)).toBe(false);
    expect(firstDelivery(delivery(rotated), now)).toBe(true);
  });
});

describe("refusals in the log", () => {
  it("are logged up to 30 a minute; the rest are counted in the next minute's first line", () => {
    forgetProcessSingleton("fal-webhook-refusal-log");
    const lines: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    try {
      for (let i = 0; i < 45; i++) logRefusal(`refused ${i}`);
      expect(lines).toHaveLength(30);
      expect(lines.at(-1)).toBe("refused 29");
      advance(60_000);
      logRefusal("refused later");
      expect(lines.slice(30)).toEqual(["[studio] 15 more fal webhook refusal(s) in the minute before were not logged", "refused later"]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("when a webhook is asked for", () => {
  it("only with a public address, and then polling slows to the safety net when STUDIO_FAL_POLL_MS is 0", async () => {
    await useStudioEnv({ STUDIO_FAL_POLL_MS: "0" });
    expect([falWebhookUrl(), falPollMs()]).toEqual([undefined, 500]);
    await useStudioEnv({ STUDIO_FAL_POLL_MS: "0", STUDIO_PUBLIC_URL: "http://127.0.0.1:3000/" });
    expect([falWebhookUrl(), falPollMs()]).toEqual(["http://127.0.0.1:3000/api/webhooks/fal", SAFETY_NET_POLL_MS]);
    await useStudioEnv({ STUDIO_PUBLIC_URL: "https://studio.example.com" });
    expect([falWebhookUrl(), falPollMs()]).toEqual(["https://studio.example.com/api/webhooks/fal", 500]);
  });

  it("not from fal.ai to an address it cannot reach (loopback, LAN)", async () => {
    await useStudioEnv({ STUDIO_ENGINE: "remote", FAL_KEY: "k", STUDIO_PUBLIC_URL: "http://127.0.0.1:3000", STUDIO_FAL_POLL_MS: "0" });
    expect([falWebhookUrl(), falPollMs()]).toEqual([undefined, 500]);
    await useStudioEnv({ STUDIO_ENGINE: "remote", FAL_KEY: "k", STUDIO_PUBLIC_URL: "https://studio.example.com" });
    expect(falWebhookUrl()).toBe("https://studio.example.com/api/webhooks/fal");
  });
});
