import { generateKeyPairSync, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/fal/route";
import { getJob, insertJob } from "@/lib/jobs/repository";
import { newRecord } from "@/lib/jobs/record";
import { onRequestEvent } from "@/lib/jobs/request-events";
import type { JobRecord } from "@/lib/jobs/schema";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { signingKey } from "./keys";
import { signatureHeaders } from "./signature";

/**
 * POST /api/webhooks/fal: verified against fal's JWKS (here the local engine's, fetched from fal's
 * default URL through the policy fetch), idempotent, and a refusal changes nothing and logs no body.
 */

const SECRET = "payload-marker-7f3a";
let logs: string[];
let signals: number;

beforeAll(async () => {
  vi.stubGlobal("fetch", engineFetch);
  await useStudioEnv({ STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_PUBLIC_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0" });
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(" ")));
  }
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
beforeEach(() => {
  logs = [];
  signals = 0;
});

async function job(status: JobRecord["status"]): Promise<JobRecord> {
  const record = newRecord({ id: randomUUID(), task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: { task: "image", prompt: "x", imageSize: "square", steps: 1, guidance: 1, numImages: 1, strength: 0.5 } });
  record.requestId = randomUUID();
  record.status = status;
  await insertJob(record, { owner: "another-instance", until: new Date(Date.now() + 60_000).toISOString() });
  onRequestEvent(record.requestId, () => signals++);
  return record;
}

type Delivery = { requestId: string; body?: string; key?: ReturnType<typeof generateKeyPairSync>["privateKey"]; timestamp?: number };

function signed({ requestId, body = JSON.stringify({ request_id: requestId, gateway_request_id: requestId, status: "OK", payload: { note: SECRET } }), key = signingKey("engine").privateKey, timestamp }: Delivery) {
  const bytes = new TextEncoder().encode(body);
  return { body: bytes, headers: signatureHeaders("fal", { requestId, userId: "local-engine", body: bytes, timestamp }, key) };
}

function post(body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>, extra: Record<string, string> = {}) {
  return POST(new Request(`${ENGINE_ORIGIN}/api/webhooks/fal`, { method: "POST", body, headers: { host: "engine.test", "content-type": "application/json", ...headers, ...extra } }), undefined as never);
}

describe("POST /api/webhooks/fal", () => {
  it("takes a delivery signed with a published key and wakes the request's followers", async () => {
    const running = await job("running");
    const d = signed({ requestId: running.requestId! });
    const res = await post(d.body, d.headers);
    expect(res.status).toBe(200);
    expect(signals).toBe(1);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: [string, (requestId: string) => { body: Uint8Array<ArrayBuffer> | string; headers: Record<string, string> }, number, RegExp][] = [
    ["without a signature", (id) => {
      const { "x-fal-webhook-signature": _dropped, ...headers } = signed({ requestId: id }).headers;
      return { body: signed({ requestId: id }).body, headers };
    }, 401, /missing signature headers/],
    ["forged", (id) => {
      const d = signed({ requestId: id });
      const sig = d.headers["x-fal-webhook-signature"]!;
      return { body: d.body, headers: { ...d.headers, "x-fal-webhook-signature": (sig[0] === "a" ? "b" : "a") + sig.slice(1) } };
    }, 401, /no published key verifies/],
    ["signed with a key fal does not publish", (id) => signed({ requestId: id, key: generateKeyPairSync("ed25519").privateKey }), 401, /no published key verifies/],
    ["stale", (id) => signed({ requestId: id, timestamp: now() - 301 }), 401, /behind/],
    ["from the future", (id) => signed({ requestId: id, timestamp: now() + 301 }), 401, /ahead of/],
    ["altered by one byte", (id) => {
      const d = signed({ requestId: id });
      const body = Buffer.from(d.body);
      body[body.indexOf("OK")] = "Q".charCodeAt(0);
      return { body: new Uint8Array(body), headers: d.headers };
    }, 401, /no published key verifies/],
    ["signed, but not fal's body for the signed request", (id) => signed({ requestId: id, body: JSON.stringify({ request_id: "someone-else", status: "OK", payload: SECRET }) }), 400, /not fal's webhook body/],
  ];

  it.each(refusals)("refuses a delivery %s, logs why without the body, and changes no job", async (_name, make, status, reason) => {
    const running = await job("running");
    const d = make(running.requestId!);
    const res = await post(d.body, d.headers);
    expect(res.status).toBe(status);
    expect(signals).toBe(0);
    expect(await getJob(running.id)).toEqual(running);
    const line = logs.find((l) => l.includes("refused a fal webhook"));
    expect(line).toMatch(reason);
    expect(line).toContain(running.requestId);
    expect(logs.join("\n")).not.toContain(SECRET);
  });

  it("refuses an exact replay of an accepted delivery", async () => {
    const running = await job("running");
    const d = signed({ requestId: running.requestId! });
    expect((await post(d.body, d.headers)).status).toBe(200);
    const replay = await post(d.body, d.headers);
    expect(replay.status).toBe(409);
    expect(signals).toBe(1);
    expect(logs.find((l) => l.includes("refused a fal webhook"))).toMatch(/replay/);
  });

  it("answers 200 for a job already finished, and changes nothing (fal retries for hours)", async () => {
    const done = await job("done");
    for (let i = 0; i < 2; i++) {
      const d = signed({ requestId: done.requestId!, timestamp: now() - i });
      expect((await post(d.body, d.headers)).status).toBe(200);
    }
    expect(signals).toBe(0);
    expect(await getJob(done.id)).toEqual(done);
  });

  it("answers 200 for a request no job here has, so fal stops retrying", async () => {
    const d = signed({ requestId: randomUUID() });
    expect((await post(d.body, d.headers)).status).toBe(200);
    expect(logs.join("\n")).toMatch(/no job here has it/);
  });

  it("refuses a body over the limit from its declared length, before reading it", async () => {
    const running = await job("running");
    const d = signed({ requestId: running.requestId! });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++ < 1000 ? c.enqueue(new Uint8Array(64 * 1024)) : c.close()) });
    const res = await POST(new Request(`${ENGINE_ORIGIN}/api/webhooks/fal`, {
      method: "POST", body: endless, duplex: "half",
      headers: { host: "engine.test", "content-type": "application/json", "content-length": String(3 * 1024 * 1024), ...d.headers },
    } as RequestInit), undefined as never);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(2);
    expect(signals).toBe(0);
  });
});
