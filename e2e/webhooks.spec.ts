import { createServer, type Server } from "node:http";
import { request as playwrightRequest, test, expect, type APIRequestContext } from "@playwright/test";
import { TEST_KEYS } from "../playwright.config";
import { StudioApi } from "./support/api";
import { freePort, startIsolatedServer, type IsolatedServer } from "./support/own-server";

/**
 * fal's webhooks end to end on a production server of its own, on the local engine, with status
 * polling off (STUDIO_FAL_POLL_MS=0: one check at the start, then one a minute) and no status stream
 * (STUDIO_LOCAL_NO_STATUS_STREAM, as an endpoint without one). Its public address
 * is a relay in front of it, as a reverse proxy would be: the engine's signed webhooks reach the
 * studio through it, and the relay can break a signature on the way, to prove the webhook (and
 * only a valid one) is what completes the job.
 */

let server: IsolatedServer;
let relay: Server;
let api: StudioApi;
let context: APIRequestContext;
let breakSignatures = false;
/** Each delivery the relay passed on: the request it named and what the studio answered. */
const deliveries: { requestId: string; status: number }[] = [];

test.beforeAll(async () => {
  const [studioPort, relayPort] = [await freePort(), await freePort()];
  relay = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (k !== "host" && k !== "connection" && typeof v === "string") headers.set(k, v);
    const signature = headers.get("x-fal-webhook-signature");
    if (breakSignatures && signature) headers.set("x-fal-webhook-signature", (signature[0] === "0" ? "1" : "0") + signature.slice(1));
    const answer = await fetch(`http://127.0.0.1:${studioPort}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    if (req.url === "/api/webhooks/fal") deliveries.push({ requestId: headers.get("x-fal-webhook-request-id") ?? "", status: answer.status });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => relay.listen(relayPort, "127.0.0.1", r));
  server = await startIsolatedServer({
    prefix: "studio-webhooks-",
    keys: TEST_KEYS,
    port: studioPort,
    env: { STUDIO_PUBLIC_URL: `http://127.0.0.1:${relayPort}`, STUDIO_FAL_POLL_MS: "0", STUDIO_LOCAL_NO_STATUS_STREAM: "1", STUDIO_LOCAL_LATENCY_MS: "1000", STUDIO_WEBHOOK_BACKOFF_MS: "400" },
  });
  context = await playwrightRequest.newContext({ baseURL: server.url });
  api = new StudioApi(context);
});

test.afterAll(async () => {
  await context?.dispose();
  await server?.dispose();
  relay?.close();
});

const image = { task: "image", prompt: "a lighthouse at dawn", imageSize: { width: 64, height: 64 }, numImages: 1, steps: 2, seed: 5 };

test("the engine's signed webhook completes a job with polling off", async () => {
  const started = Date.now();
  const job = await api.startJob(image);
  const done = await api.waitForStatus(job.id, "done", 20_000);
  // The safety-net check comes a minute after the first: only the webhook can have finished it sooner.
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(deliveries.filter((d) => d.requestId === done.requestId)).toEqual([{ requestId: done.requestId, status: 200 }]);
  expect(done.outputs[0]!.url).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
});

test("with the signature broken the job does not complete, though its request has; a valid delivery completes it", async () => {
  breakSignatures = true;
  const job = await api.startJob(image);
  const requestId = (await api.waitForJob(job.id, (j) => Boolean(j.requestId), 10_000)).requestId!;
  const answers = () => deliveries.filter((d) => d.requestId === requestId).map((d) => d.status);
  await expect.poll(() => answers().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(answers()[0]).toBe(401);
  // The engine retries (fal does for hours); every broken delivery is refused.
  await expect.poll(() => answers().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(answers().slice(0, 2)).toEqual([401, 401]);
  const engineStatus = await context.get(`/api/local/fal/queue.fal.run/fal-ai/flux/requests/${requestId}/status`, { headers: { authorization: `Key ${TEST_KEYS.fal}` } });
  expect((await engineStatus.json()).status).toBe("COMPLETED");
  expect((await api.job(job.id)).status).not.toBe("done");
  expect(server.logs()).toContain(`refused a fal webhook for request ${requestId}: Not signed by fal: no published key verifies the signature`);
  expect(server.logs()).not.toContain("/api/local/fal/files/");

  breakSignatures = false;
  const done = await api.waitForStatus(job.id, "done", 20_000);
  expect(answers().at(-1)).toBe(200);
  expect(done.outputs).toHaveLength(1);
});
