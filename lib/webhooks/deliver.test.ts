import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { getJob } from "@/lib/jobs/repository";
import { startGeneration } from "@/lib/jobs/runner";
import type { JobRecord } from "@/lib/jobs/schema";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { jwksOf } from "./keys";
import { verifyWebhook } from "./signature";

/** Outgoing webhooks end to end: a real job on the local engine, a real receiver on loopback. */

type Received = { headers: Headers; body: Buffer };
let server: Server;
let base: string;
const received: Received[] = [];
let answers: number[] = [];

const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  vi.stubGlobal("fetch", engineFetch);
  server = createServer(async (req, res) => {
    const body = await readAll(req);
    received.push({ headers: new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string])), body });
    const status = answers.shift() ?? 200;
    res.writeHead(status, status === 302 ? { location: `${base}/elsewhere` } : {}).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await useStudioEnv({ STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0", STUDIO_WEBHOOK_ALLOW_PRIVATE: "1", STUDIO_WEBHOOK_BACKOFF_MS: "10", STUDIO_WEBHOOK_ATTEMPTS: "4", STUDIO_PUBLIC_URL: "https://studio.example.com" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
});
afterAll(() => {
  vi.unstubAllGlobals();
  server.close();
});

async function delivery(id: string): Promise<NonNullable<JobRecord["webhook"]>> {
  for (let i = 0; i < 400; i++) {
    const job = (await getJob(id))!;
    if (job.webhook && job.webhook.state !== "pending") return job.webhook;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("webhook not settled");
}

const image = { task: "image" as const, prompt: "a lighthouse", imageSize: { width: 64, height: 64 }, steps: 2, guidance: 3, numImages: 1, seed: 3, strength: 0.85 };

describe("outgoing webhooks", () => {
  it("posts the finished record, signed with the key the studio publishes", async () => {
    received.length = 0;
    answers = [200];
    const job = await startGeneration(image, { webhookUrl: `${base}/hook?token=abc` });
    const webhook = await delivery(job.id);
    expect(webhook.state).toBe("delivered");
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(verifyWebhook("studio", headers, body, jwksOf("studio").keys)).toMatchObject({ ok: true, requestId: job.id });
    const record = JSON.parse(body.toString("utf8"));
    expect(record).toMatchObject({ id: job.id, status: "done" });
    expect(record.outputs[0].url).toMatch(/^https:\/\/studio\.example\.com\/api\/media\/[a-f0-9]{64}\.png$/);
    expect(record).not.toHaveProperty("webhook");
  });

  it("retries a 5xx with backoff and records every attempt", async () => {
    received.length = 0;
    answers = [503, 500, 200];
    const job = await startGeneration(image, { webhookUrl: `${base}/hook` });
    const webhook = await delivery(job.id);
    expect(webhook.state).toBe("delivered");
    expect(webhook.attempts.map((a) => a.status)).toEqual([503, 500, 200]);
    expect(received).toHaveLength(3);
  });

  it("does not retry a 400, and does not follow a redirect", async () => {
    received.length = 0;
    answers = [400];
    const refused = await delivery((await startGeneration(image, { webhookUrl: `${base}/hook` })).id);
    expect(refused).toMatchObject({ state: "failed", attempts: [{ status: 400 }] });
    answers = [302];
    const redirected = await delivery((await startGeneration(image, { webhookUrl: `${base}/hook` })).id);
    expect(redirected).toMatchObject({ state: "failed", attempts: [{ status: 302, error: expect.stringMatching(/Redirects are not followed/) }] });
    expect(received.map((r) => r.headers.get("x-studio-webhook-request-id"))).toHaveLength(2);
  });

  it("refuses a private-address target without the test setting", async () => {
    process.env.STUDIO_WEBHOOK_ALLOW_PRIVATE = "0";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    try {
      await expect(startGeneration(image, { webhookUrl: `${base}/hook` })).rejects.toMatchObject({ code: "validation", fields: { webhookUrl: expect.stringMatching(/not a public address/) } });
    } finally {
      process.env.STUDIO_WEBHOOK_ALLOW_PRIVATE = "1";
      resetEnvCache();
    }
  });
});
