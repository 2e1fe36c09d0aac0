import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getJob, insertJob } from "@/lib/jobs/repository";
import { newRecord } from "@/lib/jobs/record";
import { startGeneration } from "@/lib/jobs/runner";
import { isTerminal, type JobRecord } from "@/lib/jobs/schema";
import { getRequest, resumeEngineQueue } from "@/lib/local-engine/fal/queue";
import { setKnobs } from "@/lib/local-engine/state";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import * as fal from "@/lib/providers/fal";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { falWebhookUrl, SAFETY_NET_POLL_MS } from "./incoming";
import { INCOMING_PATH } from "./incoming-path";

/**
 * End to end on the local engine with status polling off (STUDIO_FAL_POLL_MS=0: one check at the
 * start, then only the 60 s safety net) and no status stream (STUDIO_LOCAL_NO_STATUS_STREAM, as an
 * endpoint without one): the engine's signed webhook is what completes a job, and a
 * broken signature leaves the same job unfinished until a valid delivery arrives.
 */

const FAL_KEY = "engine-webhook-key";
let dataDir: string;
/** What the studio's webhook route answered, delivery by delivery. */
let answered: number[];
/** Changes a delivery on its way to the studio (a broken signature), or answers it instead. */
let interfere: ((req: Request) => Request | Response) | undefined;

beforeAll(async () => {
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (new URL(req.url).pathname !== INCOMING_PATH) return engineFetch(req);
    const changed = interfere?.(req) ?? req;
    const res = changed instanceof Response ? changed : await engineFetch(changed);
    answered.push(res.status);
    return res;
  });
  dataDir = await useStudioEnv({
    FAL_KEY, STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_PUBLIC_URL: ENGINE_ORIGIN, STUDIO_FAL_POLL_MS: "0", STUDIO_LOCAL_NO_STATUS_STREAM: "1",
    STUDIO_HTTP_RETRIES: "0", STUDIO_WEBHOOK_BACKOFF_MS: "100", STUDIO_WEBHOOK_ATTEMPTS: "6",
  });
  // Long enough that the one status check at the start finds the request unfinished.
  setKnobs({ latencyMs: 400, failureRate: 0, concurrency: 2 });
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  answered = [];
  interfere = undefined;
});

const image = { task: "image" as const, prompt: "a lighthouse", imageSize: { width: 64, height: 64 }, steps: 2, guidance: 3, numImages: 1, seed: 3, strength: 0.85 };

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const finished = (id: string) => until(`job ${id} to finish`, async () => {
  const job = await getJob(id);
  return job && isTerminal(job.status) ? job : undefined;
});

function breakSignature(req: Request): Request {
  const headers = new Headers(req.headers);
  const sig = headers.get("x-fal-webhook-signature")!;
  headers.set("x-fal-webhook-signature", (sig[0] === "0" ? "1" : "0") + sig.slice(1));
  return new Request(req, { headers });
}

describe("fal webhooks from the local engine, polling off", () => {
  it("the signed webhook completes the job, outputs stored, long before the safety-net poll", async () => {
    const started = Date.now();
    const job = await startGeneration(image);
    const done = await finished(job.id);
    expect(done.status, done.error?.message).toBe("done");
    expect(Date.now() - started).toBeLessThan(SAFETY_NET_POLL_MS / 6);
    expect(answered).toEqual([200]);
    expect(done.outputs).toHaveLength(1);
    expect(done.outputs[0]!.url).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
    expect(done.timings.totalMs).toBeGreaterThan(0);
  });

  it("with the signature broken the same job stays unfinished though its request ended, until a valid delivery arrives", async () => {
    interfere = breakSignature;
    const job = await startGeneration(image);
    const requestId = await until("the request id", async () => (await getJob(job.id))?.requestId ?? undefined);
    await until("two refused deliveries", () => (answered.length >= 2 ? true : undefined));
    expect(answered.slice(0, 2)).toEqual([401, 401]);
    expect(getRequest(requestId)?.state).toBe("COMPLETED");
    expect((await getJob(job.id))!.status).not.toBe("done");
    interfere = undefined;
    const done = await finished(job.id);
    expect(done.status).toBe("done");
    expect(answered.at(-1)).toBe(200);
  });

  it("another instance's fal job is taken over and finished by the instance the webhook reaches", async () => {
    const { requestId } = await fal.submit({ endpointId: "fal-ai/flux/dev", input: { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, num_inference_steps: 2, seed: 3, num_images: 1 }, webhookUrl: falWebhookUrl() });
    const record: JobRecord = { ...newRecord({ id: randomUUID(), task: "image", endpointId: "fal-ai/flux/dev", engine: "fal", input: image }), requestId, status: "running" };
    await insertJob(record, { owner: "instance-b", until: new Date(Date.now() + 10 * 60_000).toISOString() });
    const done = await finished(record.id);
    expect(done.status, done.error?.message).toBe("done");
    expect(done.outputs[0]!.url).toMatch(/^\/api\/media\//);
  });

  it("refuses at submit a webhook target that is neither public nor the studio's own route (fal's 422)", async () => {
    for (const target of ["http://169.254.169.254/latest/meta-data", "http://127.0.0.1:9/hook", `${ENGINE_ORIGIN}/api/jobs`, `${ENGINE_ORIGIN}${INCOMING_PATH}?x=1`]) {
      const res = await engineFetch(`${ENGINE_ORIGIN}/api/local/fal/queue.fal.run/fal-ai/flux/dev?fal_webhook=${encodeURIComponent(target)}`, {
        method: "POST", headers: { authorization: `Key ${FAL_KEY}`, "content-type": "application/json" }, body: JSON.stringify({ prompt: "x" }),
      });
      expect(res.status, target).toBe(422);
      expect((await res.json()).detail[0]).toMatchObject({ loc: ["query", "fal_webhook"] });
    }
  });

  it("keeps a pending delivery on disk and sends it after the engine restarts", async () => {
    interfere = () => new Response(null, { status: 503 });
    const job = await startGeneration(image);
    const requestId = await until("the request id", async () => (await getJob(job.id))?.requestId ?? undefined);
    await until("a failed attempt", () => (answered.length >= 1 ? true : undefined));
    const file = path.join(dataDir, "engine", "requests", `${requestId}.json`);
    expect(JSON.parse(readFileSync(file, "utf8")).webhook).toMatchObject({ state: "pending", attempts: 1 });
    interfere = undefined;
    expect((await finished(job.id)).status).toBe("done");
    const delivered = JSON.parse(readFileSync(file, "utf8"));
    expect(delivered.webhook.state).toBe("delivered");
    // A restart with the delivery still pending on disk (no loop left in this process): the queue is
    // read again, and the delivery goes out from there; the job is done already, so it changes nothing.
    writeFileSync(file, JSON.stringify({ ...delivered, webhook: { ...delivered.webhook, state: "pending", attempts: 0 } }));
    answered = [];
    // In another second, so the delivery is not the same bytes and signature as the last (a replay).
    await new Promise((r) => setTimeout(r, 1_000));
    forgetProcessSingleton("fal-queue");
    resumeEngineQueue();
    await until("the resumed delivery", () => (answered.length ? true : undefined));
    expect(answered).toEqual([200]);
    await until("the delivery recorded", () => (JSON.parse(readFileSync(file, "utf8")).webhook.state === "delivered" ? true : undefined));
  });
});
