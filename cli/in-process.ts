import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import os from "node:os";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { localStudio } from "@/lib/agent/local-studio";
import type { Studio } from "@/lib/agent/studio";
import { resetEnvCache } from "@/lib/env";
import { drivingAny } from "@/lib/jobs/driving";
import { LOCAL_FAL_PATH, LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";
import { sleep } from "@/lib/sleep";
import { errorText } from "@/lib/secrets";

/**
 * The studio in the worker's own process, when no studio answers: the same code the server runs,
 * on the same data directory (STUDIO_DATA_DIR) and provider layer, so its jobs are in the History of
 * a studio started later there. The local engine's routes are served on an ephemeral loopback port
 * (STUDIO_INTERNAL_URL points there), since the real SDKs reach it over HTTP; with keys set, the
 * same code talks to the real services instead.
 */

const SETTLE_MS = 10_000;

/** Answers the local engine's routes, as app/api/local/** do in the server. */
async function engineRoute(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const { engineGuard } = await import("@/lib/local-engine/guard");
  const refused = engineGuard();
  if (refused) return refused;
  if (pathname.startsWith(`${LOCAL_FAL_PATH}/`)) {
    const { handleLocalFal } = await import("@/lib/local-engine/fal/handler");
    return handleLocalFal(request, pathname.slice(LOCAL_FAL_PATH.length + 1).split("/").map(decodeURIComponent));
  }
  if (pathname === `${LOCAL_OPENAI_PATH}/chat/completions`) {
    const { handleLocalChatCompletions } = await import("@/lib/local-engine/openai/handler");
    return handleLocalChatCompletions(request);
  }
  return Response.json({ detail: "Not found" }, { status: 404 });
}

async function serve(req: IncomingMessage, res: ServerResponse, origin: string) {
  try {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.url ?? "/", origin), {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]))),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: controller.signal,
      ...(hasBody ? { duplex: "half" } : {}),
    } as RequestInit);
    const response = await engineRoute(request);
    res.writeHead(response.status, [...response.headers.entries()].flat());
    if (response.body) Readable.fromWeb(response.body as NodeWebStream<Uint8Array>).pipe(res);
    else res.end();
  } catch (err) {
    console.error("[studio] local engine:", errorText(err));
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ detail: "The local engine failed." }));
  }
}

export async function inProcessStudio(): Promise<Studio> {
  // Its own name in job leases: a studio on the same data directory must not take this process's jobs for its own.
  process.env.STUDIO_INSTANCE_ID ??= `worker:${os.hostname()}:${process.pid}`;
  const server = createServer((req, res) => void serve(req, res, origin));
  let origin = "";
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("The local engine could not listen on loopback.");
  origin = `http://127.0.0.1:${address.port}`;
  process.env.STUDIO_INTERNAL_URL = origin;
  // fal's webhooks go to the studio at STUDIO_PUBLIC_URL, not to this process: it follows its jobs by
  // polling, or a setting that leaves polling to the webhook would make each job wait for the safety net.
  if (Number(process.env.STUDIO_FAL_POLL_MS) === 0) delete process.env.STUDIO_FAL_POLL_MS;
  resetEnvCache();
  const { keepToOwnRequests } = await import("@/lib/local-engine/fal/queue");
  keepToOwnRequests();
  server.unref();
  const studio = localStudio();
  return {
    ...studio,
    // A local-engine request lives in the engine of the process driving its job (a detached
    // worker's, say), so a cancel from another process reaches the record but not the request:
    // the driving process cancels it when it sees the record cancelled.
    async cancel(id) {
      try {
        return await studio.cancel(id);
      } catch (err) {
        const job = await studio.job(id).catch(() => undefined);
        if (job?.status === "cancelled") return job;
        throw err;
      }
    },
    async wait(id, onChange, signal) {
      const job = await studio.wait(id, onChange, signal);
      if (job.status === "cancelled" && job.requestId && job.task !== "prompts") {
        const { cancel } = await import("@/lib/providers/fal");
        await cancel({ endpointId: job.endpointId, requestId: job.requestId }).catch(() => undefined);
      }
      return job;
    },
    async close() {
      // A job that just ended may still be letting its provider request go (a cancel): the engine serves that first.
      for (const deadline = Date.now() + SETTLE_MS; drivingAny() && Date.now() < deadline; ) await sleep(50);
      server.close();
      const { closeDb } = await import("@/lib/db/client");
      await closeDb();
    },
  };
}
