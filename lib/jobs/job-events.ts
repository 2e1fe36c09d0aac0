import "server-only";
import { anySignal } from "@/lib/any-signal";
import { AppError } from "@/lib/errors";
import { SSE_COMMENT, SSE_KEEP_ALIVE_MS, sseEvent } from "@/lib/http/sse";
import { shutdownSignal } from "@/lib/shutdown";
import { getJob, watchJobChanges } from "./repository";
import { isTerminal, type JobRecord } from "./schema";

/**
 * A job's record as it changes, for whoever shows it (GET /api/jobs/events, the worker's wait): a
 * change this process writes arrives at once (the repository's notice); one another process or
 * instance writes (the worker's in-process jobs, a second server on PostgreSQL) within REREAD_MS.
 */

export const REREAD_MS = 1_000;
/** Jobs one event stream follows at most. */
export const MAX_STREAMED_JOBS = 50;

/**
 * The record each time it differs from the last one told, from its current state on, until it ends
 * (the last record told is a finished one) or `signal` aborts; undefined once if there is no such
 * job (never was, or deleted). Changes in quick succession may arrive as their latest record.
 */
export async function* jobChanges(id: string, signal: AbortSignal): AsyncGenerator<JobRecord | undefined> {
  // Watched before the first read, so a change written during the read is not lost.
  const watch = watchJobChanges(id);
  try {
    let told = "";
    while (!signal.aborted) {
      const job = await getJob(id);
      if (!job) {
        yield undefined;
        return;
      }
      const text = JSON.stringify(job);
      if (text !== told) {
        told = text;
        yield job;
      }
      if (isTerminal(job.status)) return;
      await watch.next(REREAD_MS, signal);
    }
  } finally {
    watch.close();
  }
}

/** Follows a job until it ends, telling each change (Studio.wait in this process); throws the abort's reason if `signal` aborts first. */
export async function waitForJob(id: string, onChange?: (job: JobRecord) => void, signal = new AbortController().signal): Promise<JobRecord> {
  for await (const job of jobChanges(id, signal)) {
    if (!job) throw new AppError("not_found", "No such job.");
    onChange?.(job);
    if (isTerminal(job.status)) return job;
  }
  signal.throwIfAborted();
  throw new AppError("internal", "Stopped following the job before it ended.");
}

/**
 * Server-sent events for `ids`: `job` with the whole record on every change, `gone` with `{id}` for
 * a job that does not exist (or was deleted), and `end` once every one has finished or gone, after
 * which the stream closes. It ends with no `end` when the caller leaves or the server stops.
 */
export function jobEventStream(ids: string[], signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const over = new AbortController();
  // `over` aborts whenever the stream ends (cancelled, or done below), which lets go of the others.
  const { signal: stop } = anySignal([signal, over.signal, shutdownSignal()]);
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!stop.aborted) controller.enqueue(encoder.encode(text));
      };
      const keepAlive = setInterval(() => send(SSE_COMMENT), SSE_KEEP_ALIVE_MS);
      try {
        await Promise.all(
          ids.map(async (id) => {
            for await (const job of jobChanges(id, stop)) send(job ? sseEvent("job", job) : sseEvent("gone", { id }));
          }),
        );
        send(sseEvent("end", {}));
      } catch (err) {
        console.error("[studio] a job event stream failed:", err instanceof Error ? err.message : err);
      } finally {
        clearInterval(keepAlive);
        if (!over.signal.aborted) {
          over.abort();
          controller.close();
        }
      }
    },
    cancel() {
      over.abort();
    },
  });
}
