import "server-only";
import { anySignal } from "@/lib/any-signal";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readJsonValue } from "@/lib/http/body";
import { storedFileHeaders } from "@/lib/http/file-headers";
import { randomUUID } from "node:crypto";
import { appIdOf } from "@/lib/providers/catalog";
import { shutdownSignal } from "@/lib/shutdown";
import { endpointFamily } from "@/lib/providers/models";
import { fromLocalEnginePath } from "@/lib/local-engine/address";
import { routerStream } from "@/lib/tasks/text/engine";
import { fileStore } from "./files";
import { outputSaver, parseInput, runModel } from "./models";
import { cancelRequest, getRequest, onRequestChange, queuePosition, submitRequest, type EngineRequest } from "./queue";
import { RunError } from "./run-error";
import { webhookFor } from "./webhook";
import { jwksOf } from "@/lib/webhooks/keys";

/**
 * fal's HTTP protocol as the SDK and the server proxy speak it: queue submit / status (+SSE
 * stream) / result / cancel on queue.fal.run, synchronous runs on fal.run (and streamed ones on
 * fal.run/<id>/stream, for the LLM router), the storage upload and the webhook keys (JWKS) on
 * rest.fal.ai, webhooks on queue submits (`?fal_webhook=`). Requests arrive as `/api/local/fal/{host}/{path}`.
 */

const detail = (status: number, body: unknown, headers?: HeadersInit) => Response.json({ detail: body }, { status, headers });

function authorised(req: Request): boolean {
  const key = env().FAL_KEY;
  return !key || req.headers.get("authorization") === `Key ${key}`;
}

/** Endpoint inputs and storage calls are small JSON (files go through storage), as the studio's own proxy caps them. */
const MAX_JSON_BYTES = 1024 * 1024;

/** A JSON body, read within the limit (fal's clients always send application/json), its refusals in fal's shape. */
async function readJsonBody(req: Request): Promise<unknown> {
  return readJsonValue(req, MAX_JSON_BYTES, "An endpoint input (send files with fal's storage upload)").catch((err: unknown) => {
    throw err instanceof AppError ? new RunError(err.status, err.message) : err;
  });
}

/** Every refusal (RunError) is answered in fal's shape; anything else is a fault. */
export async function handleLocalFal(req: Request, segments: string[]): Promise<Response> {
  try {
    return await handle(req, segments);
  } catch (err) {
    if (err instanceof RunError) return detail(err.status, err.detail);
    throw err;
  }
}

async function handle(req: Request, segments: string[]): Promise<Response> {
  const url = new URL(req.url);
  const origin = url.origin;

  // Signed-URL style file routes: no key, like a CDN / pre-signed PUT.
  if (segments[0] === "files") return handleFiles(req, segments.slice(1));

  const target = fromLocalEnginePath(segments, url.search);
  if (!target) return detail(404, "Unknown fal host");
  // Public, as fal's: where the keys of the engine's webhooks are published (./webhook.ts).
  if (target.host === "rest.fal.ai" && req.method === "GET" && target.path.join("/") === ".well-known/jwks.json") {
    return Response.json(jwksOf("engine"), { headers: { "cache-control": "public, max-age=300" } });
  }
  if (!authorised(req)) return detail(401, "No user found for Key ID and Secret");

  if (target.host === "rest.fal.ai") {
    const isInitiate = req.method === "POST" && target.path.join("/") === "storage/upload/initiate";
    if (!isInitiate) return detail(404, "Not found");
    return Response.json(await fileStore().initiate(await readJsonBody(req), origin));
  }

  const requestsAt = target.path.indexOf("requests");
  if (target.host === "queue.fal.run" && requestsAt === 2) {
    const [owner, alias] = target.path;
    const [, requestId, action, sub] = target.path.slice(requestsAt);
    const request = requestId ? getRequest(requestId) : undefined;
    if (!request || appIdOf(request.endpointId) !== `${owner}/${alias}`) return detail(404, "Request not found");
    if (req.method === "GET" && action === "status" && sub === "stream") return env().STUDIO_LOCAL_NO_STATUS_STREAM ? detail(404, "Not found") : statusStream(request, url);
    if (req.method === "GET" && action === "status" && !sub) return Response.json(statusBody(request, url));
    if (req.method === "GET" && !action) return resultResponse(request);
    if (req.method === "PUT" && action === "cancel") {
      const outcome = cancelRequest(request.id);
      return Response.json({ status: outcome }, { status: outcome === "CANCELLATION_REQUESTED" ? 202 : 400 });
    }
    return detail(405, "Method not allowed");
  }

  if (req.method !== "POST") return detail(405, "Method not allowed");
  if (target.host === "fal.run" && target.path.at(-1) === "stream" && endpointFamily(target.path.slice(0, -1).join("/")) === "llm-router") {
    return runStream(req, parseInput("llm-router", await readJsonBody(req)) as Parameters<typeof routerStream>[0]);
  }
  const endpointId = target.path.join("/");
  const family = endpointFamily(endpointId);
  if (!family) return detail(404, `Application '${endpointId}' not found`);
  const input = parseInput(family, await readJsonBody(req));
  const webhookUrl = target.url.searchParams.get("fal_webhook");
  const webhook = webhookUrl !== null && target.host === "queue.fal.run" ? await webhookFor(webhookUrl) : undefined;
  const saveOutput = outputSaver(origin);

  if (target.host === "fal.run") {
    // A caller that hangs up, or a stopping server, ends the run.
    const { signal, dispose } = anySignal([req.signal, shutdownSignal()]);
    try {
      return Response.json(await runModel(family, input, { origin, log: () => undefined, saveOutput, signal }));
    } catch (err) {
      return err instanceof RunError ? detail(err.status, err.detail) : detail(500, signal.aborted ? "The run was stopped" : "Internal error");
    } finally {
      dispose();
    }
  }

  const request = submitRequest({ endpointId, family, input, origin, webhook });
  const base = `https://queue.fal.run/${appIdOf(endpointId)}/requests/${request.id}`;
  return Response.json({
    status: "IN_QUEUE",
    request_id: request.id,
    response_url: base,
    status_url: `${base}/status`,
    cancel_url: `${base}/cancel`,
    queue_position: queuePosition(request.id),
  });
}

function statusBody(request: EngineRequest, url: URL) {
  const withLogs = url.searchParams.get("logs") === "1" || url.searchParams.get("logs") === "true";
  const base = `https://queue.fal.run/${appIdOf(request.endpointId)}/requests/${request.id}`;
  const common = { request_id: request.id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  switch (request.state) {
    case "IN_QUEUE":
      return { ...common, status: "IN_QUEUE", queue_position: queuePosition(request.id) };
    case "IN_PROGRESS":
      return { ...common, status: "IN_PROGRESS", logs: withLogs ? request.logs : null };
    case "COMPLETED": {
      const inference = request.startedAt && request.completedAt ? (request.completedAt - request.startedAt) / 1000 : undefined;
      return { ...common, status: "COMPLETED", logs: withLogs ? request.logs : null, metrics: { inference_time: inference ?? null } };
    }
  }
}

function resultResponse(request: EngineRequest): Response {
  if (request.state !== "COMPLETED") return detail(400, "Request is still in progress");
  const headers = { "x-fal-request-id": request.id };
  if (request.error) return detail(request.error.status, request.error.detail, headers);
  return Response.json(request.output, { headers });
}

/** fal sends a comment this often on a quiet status stream, so proxies and idle timeouts keep it open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * `status/stream`: one `data:` JSON per change, sent the moment the queue makes it (a position, the
 * start, each log line, the end), ending after COMPLETED, like fal's SSE route. It also ends when the
 * server stops, so an open stream never holds the shutdown (the client falls back to checks).
 */
function statusStream(request: EngineRequest, url: URL): Response {
  const encoder = new TextEncoder();
  const stopping = shutdownSignal();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      let closed = false;
      let due = false;
      const keepAlive = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), KEEP_ALIVE_MS);
      const send = () => {
        due = false;
        if (closed) return;
        const body = JSON.stringify(statusBody(request, url));
        if (body !== last) controller.enqueue(encoder.encode(`data: ${body}\n\n`));
        last = body;
        if (request.state === "COMPLETED") end();
      };
      // Changes made in one go (a run with no simulated latency logs every line, then ends) go out
      // as one event, not one whole status (every line so far) per line.
      const changed = () => {
        if (!due) queueMicrotask(send);
        due = true;
      };
      const off = onRequestChange(request.id, changed);
      stop = () => {
        closed = true;
        clearInterval(keepAlive);
        off();
        stopping.removeEventListener("abort", end);
      };
      const end = () => {
        stop();
        controller.close();
      };
      stopping.addEventListener("abort", end, { once: true });
      send();
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" },
  });
}

/**
 * A streamed run, as fal's `/stream` route sends it and `fal.stream()` reads it: one `data:` JSON per
 * event, each the whole output so far, and the stream simply ends after the last (which `done()`
 * returns). Input errors are answered before the stream starts, in fal's 422 shape.
 */
function runStream(req: Request, input: Parameters<typeof routerStream>[0]): Response {
  const encoder = new TextEncoder();
  const hangUp = new AbortController();
  const { signal, dispose } = anySignal([req.signal, hangUp.signal, shutdownSignal()]);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for await (const event of routerStream(input, signal)) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      } finally {
        dispose();
      }
      if (!hangUp.signal.aborted) controller.close();
    },
    cancel() {
      hangUp.abort();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-fal-request-id": randomUUID() },
  });
}

async function handleFiles(req: Request, segments: string[]): Promise<Response> {
  if (req.method === "PUT" && segments[0] === "upload" && segments[1]) {
    await fileStore().put(segments[1], req);
    return new Response(null, { status: 200 });
  }
  if (req.method === "GET" && segments[0]) {
    const file = await fileStore().open(segments[0]);
    if (!file) return detail(404, "File not found");
    return new Response(file.stream, {
      headers: {
        ...storedFileHeaders(file.contentType),
        "content-length": String(file.size),
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  }
  return detail(404, "Not found");
}
