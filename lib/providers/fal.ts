import "server-only";
import { ApiError, createFalClient, type FalClient } from "@fal-ai/client";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { engines, env, internalBaseUrl } from "@/lib/env";
import { createPolicyFetch } from "@/lib/http/policy";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { withoutSecrets } from "@/lib/secrets";

/**
 * The fal door: every fal call the server makes goes through here, to fal.ai with FAL_KEY or to
 * the embedded local engine, which speaks the same HTTP protocol at a local address.
 */

export type QueueStatus = {
  status: "queued" | "running" | "completed";
  queuePosition: number | null;
  logs: { message: string; level: string; at: string }[];
};

let client: { key: string; value: FalClient } | undefined;

/**
 * Calls to the local engine, which answers from this studio over loopback, ask for uncompressed
 * answers: Next gzips every JSON answer a client accepts gzip for, and the zlib work on both ends
 * (a few per job) bought nothing but CPU taken from the engine's workers.
 */
const toEngine: typeof fetch = (input, init) => {
  if (!String(input).startsWith(`${internalBaseUrl()}/`)) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set("accept-encoding", "identity");
  return fetch(input, { ...init, headers });
};

/** The shared policy fetch, reused by media downloads so every outbound call has one policy. */
export function outboundFetch(): typeof fetch {
  const e = env();
  const local = engines().fal === "local";
  return createPolicyFetch({
    timeoutMs: e.STUDIO_HTTP_TIMEOUT_MS,
    retries: e.STUDIO_HTTP_RETRIES,
    baseDelayMs: e.STUDIO_HTTP_BACKOFF_MS,
    rewrite: local ? (url) => toLocalEngineUrl(url, internalBaseUrl()) : undefined,
    fetchImpl: local ? toEngine : undefined,
    onRetry: ({ attempt, delayMs, reason, url }) =>
      console.warn(`[studio] retry ${attempt} in ${delayMs} ms (${reason}) ${new URL(url).host}`),
  });
}

function fal(): FalClient {
  const cacheKey = `${engines().fal}|${internalBaseUrl()}`;
  if (client?.key === cacheKey) return client.value;
  const value = createFalClient({
    // The local engine demands the key too when one is configured, like fal does.
    credentials: () => env().FAL_KEY,
    fetch: outboundFetch(),
    // Retries live in the one central policy, not in the SDK as well.
    retry: { maxRetries: 0 },
  });
  client = { key: cacheKey, value };
  return value;
}

/** Turns fal's errors into the app's; 4xx detail is safe to show, the rest is summarised. */
export function toAppError(err: unknown, action: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ApiError) {
    // Kept on the job and shown: never with a key in it, even when the vendor echoes one back.
    const detail = withoutSecrets(describeDetail(err.body) ?? err.message);
    if (err.status === 401 || err.status === 403) return new AppError("upstream", `fal rejected the credentials while trying to ${action}.`);
    if (err.status === 404) return new AppError("upstream", `fal does not know this model or request (${detail}).`);
    if (err.status === 422 || err.status === 400) return new AppError("upstream", detail);
    return new AppError("upstream", `fal failed to ${action}: ${detail}`);
  }
  const message = withoutSecrets(err instanceof Error ? err.message : String(err));
  return new AppError("unavailable", `Could not reach fal to ${action}: ${message}`);
}

function describeDetail(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return typeof body === "string" ? body : undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d: { loc?: unknown[]; msg?: string }) => `${(d.loc ?? []).filter((l) => l !== "body").join(".")}: ${d.msg ?? "invalid"}`)
      .join("; ");
  }
  return undefined;
}

export async function submit(args: { endpointId: string; input: Record<string, unknown>; webhookUrl?: string }): Promise<{ requestId: string }> {
  try {
    // The SDK sends webhookUrl as `?fal_webhook=`.
    const res = await fal().queue.submit(args.endpointId, { input: args.input, webhookUrl: args.webhookUrl });
    return { requestId: res.request_id };
  } catch (err) {
    throw toAppError(err, "submit the job");
  }
}

/** fal's status object, from a status check or one event of the status stream. */
const falStatusSchema = z.object({
  status: z.enum(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]),
  queue_position: z.number().nullish(),
  logs: z.array(z.object({ message: z.string(), level: z.string().nullish(), timestamp: z.string().nullish() })).nullish(),
});

function queueStatusOf(body: unknown): QueueStatus {
  const parsed = falStatusSchema.safeParse(body);
  if (!parsed.success) throw new AppError("upstream", "fal answered a status in an unexpected shape.");
  const res = parsed.data;
  const logs = (res.logs ?? []).map((l) => ({ message: l.message, level: l.level ?? "INFO", at: l.timestamp ?? new Date().toISOString() }));
  if (res.status === "IN_QUEUE") return { status: "queued", queuePosition: res.queue_position ?? null, logs };
  if (res.status === "IN_PROGRESS") return { status: "running", queuePosition: null, logs };
  return { status: "completed", queuePosition: null, logs };
}

export async function status(args: { endpointId: string; requestId: string }): Promise<QueueStatus> {
  try {
    return queueStatusOf(await fal().queue.status(args.endpointId, { requestId: args.requestId, logs: true }));
  } catch (err) {
    throw toAppError(err, "read the job status");
  }
}

export type StatusStream = {
  /**
   * The next status the stream sends (the latest, when several came since the last call), carrying
   * every log line so far as a status check's does; "quiet" when none came within `waitMs`, "ended"
   * when the stream closed. Throws when it
   * could not be opened (an endpoint without one) or broke.
   */
  next: (waitMs: number) => Promise<QueueStatus | "quiet" | "ended">;
  close: () => void;
};

/**
 * fal's status stream (`…/requests/{id}/status/stream?logs=1`, server-sent events, one status per
 * change, closed after COMPLETED), through the one policy fetch: once open it is timed out only
 * when idle (fal sends a comment every 15 s). fal may send each event's new log lines only, or all
 * of them: lines are gathered, each once.
 */
/** How often a status stream's new queue position alone is told (the old polling interval). */
const POSITION_EVERY_MS = 500;

export async function openStatusStream(args: { endpointId: string; requestId: string; signal?: AbortSignal }): Promise<StatusStream> {
  const stream = await fal().queue.streamStatus(args.endpointId, { requestId: args.requestId, logs: true });
  const arrived: unknown[] = [];
  let ended = false;
  let failure: unknown;
  let wake = () => {};
  stream.on("data", (data: unknown) => {
    arrived.push(data);
    wake();
  });
  stream.done().then(
    () => void ((ended = true), wake()),
    (err: unknown) => void ((failure = err), (ended = true), wake()),
  );
  const close = () => {
    args.signal?.removeEventListener("abort", close);
    stream.abort();
  };
  if (args.signal?.aborted) close();
  else args.signal?.addEventListener("abort", close, { once: true });

  const logs: QueueStatus["logs"] = [];
  const seen = new Set<string>();
  /** The latest status not yet told, and what was told last (when, with how many lines). */
  let latest: QueueStatus | undefined;
  let told: { status: QueueStatus["status"]; lines: number; at: number } | undefined;
  /** Resolves after `ms`, or sooner when something arrives: true if nothing did. */
  const waitFor = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(true), Math.max(0, ms));
      wake = () => {
        clearTimeout(timer);
        wake = () => {};
        resolve(false);
      };
    });
  return {
    async next(waitMs) {
      const until = Date.now() + waitMs;
      for (;;) {
        // Statuses that came while the caller was busy are told as one, the latest with every line.
        for (const body of arrived.splice(0)) {
          latest = queueStatusOf(body);
          for (const line of latest.logs) {
            const key = `${line.at}\n${line.level}\n${line.message}`;
            if (!seen.has(key)) {
              seen.add(key);
              logs.push(line);
            }
          }
        }
        if (latest) {
          // A long queue moves each time a request ahead starts: a new position alone is told at
          // most every POSITION_EVERY_MS (as a poll would), anything else at once.
          const moveOnly = latest.status === "queued" && told?.status === "queued" && told.lines === logs.length;
          const hold = moveOnly && !ended ? told!.at + POSITION_EVERY_MS - Date.now() : 0;
          if (hold <= 0) {
            const status = { ...latest, logs: [...logs] };
            told = { status: status.status, lines: logs.length, at: Date.now() };
            latest = undefined;
            return status;
          }
          await waitFor(hold);
          continue;
        }
        if (failure) throw toAppError(failure, "follow the job status");
        if (ended) return "ended";
        if (await waitFor(until - Date.now())) return "quiet";
      }
    },
    close,
  };
}

export async function result(args: { endpointId: string; requestId: string }): Promise<unknown> {
  try {
    const res = await fal().queue.result(args.endpointId, { requestId: args.requestId });
    return res.data;
  } catch (err) {
    throw toAppError(err, "fetch the result");
  }
}

export async function cancel(args: { endpointId: string; requestId: string }): Promise<void> {
  try {
    await fal().queue.cancel(args.endpointId, { requestId: args.requestId });
  } catch (err) {
    // A job that finished meanwhile cannot be cancelled; the caller reads its real state next.
    if (err instanceof ApiError && err.status === 400) return;
    throw toAppError(err, "cancel the job");
  }
}

/** Uploads bytes to fal storage (or the engine's) and returns the URL models read them from. */
export async function upload(args: { data: Blob; fileName: string }): Promise<string> {
  try {
    const file = new File([args.data], args.fileName, { type: args.data.type });
    return await fal().storage.upload(file);
  } catch (err) {
    throw toAppError(err, "upload the input file");
  }
}

/** A streamed run (`fal.run/<id>/stream`): every event is the endpoint's whole output so far. */
export async function stream(args: { endpointId: string; input: Record<string, unknown>; signal?: AbortSignal }) {
  try {
    return await fal().stream(args.endpointId, { input: args.input, signal: args.signal });
  } catch (err) {
    throw toAppError(err, "start the stream");
  }
}
