import "server-only";
import { anySignal } from "@/lib/any-signal";
import { AppError } from "@/lib/errors";
import { SSE_COMMENT, SSE_KEEP_ALIVE_MS, sseEvent } from "@/lib/http/sse";
import { processSingleton } from "@/lib/process-singleton";
import { shutdownSignal } from "@/lib/shutdown";
import { getJob, onJobChange, watchJobChanges } from "./repository";
import { isTerminal, type JobRecord } from "./schema";
import { errorText } from "@/lib/secrets";

/**
 * A job's record as it changes, for whoever shows it (GET /api/jobs/events, the worker's wait): a
 * change this process writes arrives at once (the repository's notice); one another process or
 * instance writes (the worker's in-process jobs, a second server on PostgreSQL) within REREAD_MS
 * (and SHARED_READ_MS).
 */

export const REREAD_MS = 1_000;
/** Jobs one event stream follows at most. */
export const MAX_STREAMED_JOBS = 50;
/** How long one read of a job serves every follower of it in this process (many streams may follow one job). */
const SHARED_READ_MS = 200;

type Read = { job: JobRecord; text: string } | undefined;

/**
 * The job as read at most SHARED_READ_MS ago, read once for all its followers (each re-reads every
 * REREAD_MS, so a hundred streams on one job would otherwise read it a hundred times a second),
 * and afresh after any change this process writes to it.
 */
function sharedRead(id: string): Promise<Read> {
  const reads = processSingleton("job-reads", () => new Map<string, Promise<Read>>());
  const known = reads.get(id);
  if (known) return known;
  const read = getJob(id).then((job) => job && { job, text: JSON.stringify(job) });
  const forget = () => {
    if (reads.get(id) === read) reads.delete(id);
    off();
    clearTimeout(timer);
  };
  const off = onJobChange(id, forget);
  const timer = setTimeout(forget, SHARED_READ_MS);
  timer.unref?.();
  read.catch(forget);
  reads.set(id, read);
  return read;
}

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
      const read = await sharedRead(id);
      if (!read) {
        yield undefined;
        return;
      }
      if (read.text !== told) {
        told = read.text;
        yield read.job;
      }
      if (isTerminal(read.job.status)) return;
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

const KEEP_ALIVE = Symbol("keep-alive");
const END = Symbol("end");

/**
 * Server-sent events for `ids`: `job` with the whole record on every change, `gone` with `{id}` for
 * a job that does not exist (or was deleted), and `end` once every one has finished or gone, after
 * which the stream closes. It ends with no `end` when the caller leaves or the server stops.
 * A reader that falls behind (its connection's buffers full) gets each job's latest event only:
 * while the stream's queue is full an event waits, replaced by any newer one for the same job, so
 * one that stops reading holds at most one record per job. `closed` is called once it is over.
 */
export function jobEventStream(ids: string[], signal: AbortSignal, closed?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const over = new AbortController();
  // `over` aborts whenever the stream ends, which lets go of the others.
  const { signal: stop } = anySignal([signal, over.signal, shutdownSignal()]);
  /** Events waiting for room in the queue, one per job (and one keep-alive, then `end`), in turn. */
  const waiting = new Map<string | symbol, string>();
  let finished = false;
  const end = () => {
    if (over.signal.aborted) return;
    over.abort();
    closed?.();
  };
  /** Queues what waits while there is room; closes once nothing more will come. */
  const flush = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (over.signal.aborted) return;
    for (const [key, text] of waiting) {
      if ((controller.desiredSize ?? 0) <= 0) return;
      waiting.delete(key);
      controller.enqueue(encoder.encode(text));
    }
    if (finished) {
      end();
      controller.close();
    }
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (key: string | symbol, text: string) => {
        if (stop.aborted) return;
        waiting.set(key, text);
        flush(controller);
      };
      // A stream that must stop (the caller left, the server stops) drops what waits.
      stop.addEventListener("abort", () => {
        waiting.clear();
        flush(controller);
      }, { once: true });
      const keepAlive = setInterval(() => send(KEEP_ALIVE, SSE_COMMENT), SSE_KEEP_ALIVE_MS);
      // Not awaited: a stream is pulled (and flushed) only once start is over.
      void Promise.all(
        ids.map(async (id) => {
          for await (const job of jobChanges(id, stop)) send(id, job ? sseEvent("job", job) : sseEvent("gone", { id }));
        }),
      )
        .then(() => send(END, sseEvent("end", {})))
        .catch((err: unknown) => console.error("[studio] a job event stream failed:", errorText(err)))
        .finally(() => {
          clearInterval(keepAlive);
          finished = true;
          flush(controller);
        });
    },
    pull: flush,
    cancel: end,
  });
}
