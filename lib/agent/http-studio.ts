import "server-only";
import { z } from "zod";
import { errorBodySchema } from "@/lib/error-body";
import { AppError, isErrorCode } from "@/lib/errors";
import { createPolicyFetch } from "@/lib/http/policy";
import { sseEvents } from "@/lib/http/sse";
import { readEvents } from "@/lib/jobs/stream-events";
import { isTerminal, jobRecordSchema, type JobRecord } from "@/lib/jobs/schema";
import { watchJob } from "./watch";
import type { StoredFile, Studio } from "./studio";

/**
 * The studio at `origin`, over its JSON API (README "Driving jobs from scripts"): the worker's way
 * to a running studio. Every call goes through the one timeout/retry policy; an error answer comes
 * back as the AppError the server sent.
 */

/** Polling, only where the job's event stream cannot be followed (an older studio, a stream cut short). */
const WATCH_MS = 250;
/** A streamed answer is read under the policy's timeout too, so that one is long: a long answer takes minutes. */
const STREAM_TIMEOUT_MS = 30 * 60 * 1000;

const storedFileSchema = z.object({
  url: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  durationSec: z.number().optional(),
});
const historySchema = z.object({ jobs: z.array(jobRecordSchema), nextCursor: z.string().nullable() });

async function failure(res: Response): Promise<AppError> {
  const body = errorBodySchema.safeParse(await res.json().catch(() => undefined));
  if (!body.success) return new AppError("upstream", `The studio answered HTTP ${res.status}.`, undefined, res.status);
  const { code, message, fields } = body.data.error;
  return new AppError(isErrorCode(code) ? code : "upstream", message, fields, res.status);
}

export function httpStudio(origin: string, opts: { fetchImpl?: typeof fetch } = {}): Studio {
  const base = origin.replace(/\/$/, "");
  const send = createPolicyFetch({ fetchImpl: opts.fetchImpl });
  const sendStream = createPolicyFetch({ fetchImpl: opts.fetchImpl, timeoutMs: STREAM_TIMEOUT_MS });

  async function call<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.infer<S>> {
    const res = await send(`${base}${path}`, init);
    if (!res.ok) throw await failure(res);
    return schema.parse(await res.json());
  }
  const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const job = (id: string) => call(`/api/jobs/${encodeURIComponent(id)}`, jobRecordSchema);

  /** The job's changes as the studio sends them (GET /api/jobs/events); undefined when the stream could not tell its end. */
  async function followEvents(id: string, onChange?: (job: JobRecord) => void, signal?: AbortSignal): Promise<JobRecord | undefined> {
    try {
      // Under the policy's timeout as an idle one: the studio sends a keep-alive every 15 s.
      const res = await send(`${base}/api/jobs/events?ids=${encodeURIComponent(id)}`, { signal });
      if (!res.ok || !res.body) return undefined;
      for await (const event of sseEvents(res.body)) {
        if (event.event === "gone") throw new AppError("not_found", "No such job.");
        if (event.event !== "job") continue;
        const record = jobRecordSchema.parse(JSON.parse(event.data));
        onChange?.(record);
        if (isTerminal(record.status)) return record;
      }
    } catch (err) {
      if (err instanceof AppError || signal?.aborted) throw err;
    }
    return undefined;
  }

  return {
    where: base,
    origin: base,
    start: (input, o) => call("/api/jobs", jobRecordSchema, json({ ...input, ...o })),
    async stream(input, onEvent, { signal, ...o } = {}) {
      const res = await sendStream(`${base}/api/${input.task}`, { ...json({ ...input, ...o }), signal });
      if (!res.ok || !res.body) throw await failure(res);
      const id = await readEvents(res.body, onEvent);
      if (!id) throw new AppError("upstream", "The studio's stream ended before it named the job.");
      return job(id);
    },
    job,
    wait: async (id, onChange, signal) => (await followEvents(id, onChange, signal)) ?? watchJob(job, id, WATCH_MS, onChange, signal),
    cancel: (id) => call(`/api/jobs/${encodeURIComponent(id)}/cancel`, jobRecordSchema, { method: "POST" }),
    history(query) {
      const params = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
      return call(`/api/jobs?${params}`, historySchema);
    },
    async share(id) {
      const shared: JobRecord = await call(`/api/jobs/${encodeURIComponent(id)}/share`, jobRecordSchema, { method: "POST" });
      return { job: shared, url: `${base}/s/${shared.shareId}` };
    },
    upload: (file: Blob, kind): Promise<StoredFile> =>
      call(`/api/uploads?kind=${kind}`, storedFileSchema, { method: "POST", headers: { "content-type": file.type }, body: file }),
    close: async () => undefined,
  };
}
