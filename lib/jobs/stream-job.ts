import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { InputOf, Task } from "@/lib/tasks/registry";
import { whileDriving } from "./driving";
import { newRecord } from "./record";
import { insertJob, renewLease, updateJob } from "./repository";
import { instanceId } from "./instance";
import type { JobRecord } from "./schema";
import { transition } from "./status";
import type { JobOptions } from "@/lib/agent/studio";
import { webhookOf } from "@/lib/webhooks/target";
import { errorText } from "@/lib/secrets";

/**
 * A job written live to one page (prompt drafts, text): the record is created and driven here
 * while the work's events go to the browser as NDJSON, one JSON object a line. The first event is
 * `{type:"job", id, engine, model}`, the last `done` (the work's own) or `{type:"error", message}`.
 * The record moves queued → running → done | failed | cancelled through transition(): an abort (Stop
 * in the page, or the browser leaving) cancels it and keeps what was written so far; the browser
 * leaving never leaves it unfinished.
 */

export type StreamFields = Partial<Pick<JobRecord, "text" | "reasoning" | "prompts" | "usage">>;

export type StreamWork<E> = (ctx: {
  /** Sends an event to the browser, if it is still there. */
  send: (event: E) => void;
  /** Keeps what is written so far: the record gets it when the job ends, however it ends. */
  keep: (fields: StreamFields) => void;
  signal: AbortSignal;
}) => Promise<E | void>;

export type StreamJob<T extends Task, E> = {
  task: T;
  input: InputOf<T>;
  endpointId: string;
  engine: JobRecord["engine"];
  /** The model, as the first event names it. */
  model: string;
  /** Said when the work fails with anything but an AppError (whose message is shown as is). */
  failure: string;
  /** Does the work; answers the `done` event to send (a stream that was stopped may answer nothing). */
  work: StreamWork<E>;
};

export type StreamEnvelope = { type: "job"; id: string; engine: string; model: string } | { type: "error"; message: string };

/** A draft takes seconds and a long answer minutes; the lease is renewed while it is written. */
const LEASE_MS = 5 * 60 * 1000;
const RENEW_MS = 60 * 1000;

export async function startStreamJob<T extends Task, E>(job: StreamJob<T, E>, signal: AbortSignal, opts: JobOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const record = newRecord({ id: randomUUID(), task: job.task, endpointId: job.endpointId, engine: job.engine, input: job.input });
  record.webhook = webhookOf(opts);
  // Marked as driven here before it exists in the database, so no sweeper ever takes it up;
  // the lease keeps other instances' sweepers off it.
  let finished!: () => void;
  void whileDriving(record.id, () => new Promise<void>((resolve) => (finished = resolve)));
  try {
    await insertJob(record, { owner: instanceId(), until: new Date(Date.now() + LEASE_MS).toISOString() });
  } catch (err) {
    finished();
    throw err;
  }
  const renew = setInterval(() => void renewLease(record.id, instanceId(), LEASE_MS).catch(() => undefined), RENEW_MS);
  renew.unref?.();
  const encoder = new TextEncoder();
  let closed = false;

  return new ReadableStream<Uint8Array>({
    cancel() {
      closed = true;
    },
    async start(controller) {
      try {
        await drive(controller);
      } finally {
        clearInterval(renew);
        finished();
        if (!closed) controller.close();
      }
    },
  });

  async function drive(controller: ReadableStreamDefaultController<Uint8Array>) {
    // The browser may leave mid-stream; the job record is still finished properly.
    const send = (event: E | StreamEnvelope) => {
      if (!closed) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
    };
    const started = Date.now();
    let kept: StreamFields = {};
    const keep = (fields: StreamFields) => void (kept = { ...kept, ...fields });
    send({ type: "job", id: record.id, engine: job.engine, model: job.model });
    await updateJob(record.id, (j) => { transition(j, { to: "running" }); });
    try {
      const done = await job.work({ send, keep, signal });
      const timings = { totalMs: Date.now() - started, runMs: Date.now() - started };
      if (signal.aborted) {
        await updateJob(record.id, (j) => {
          if (transition(j, { to: "cancelled" })) Object.assign(j, kept, { timings });
        });
        return;
      }
      await updateJob(record.id, (j) => { transition(j, { to: "done", fields: { ...kept, timings } }); });
      if (done !== undefined) send(done);
    } catch (err) {
      const message = err instanceof AppError ? err.message : job.failure;
      if (!(err instanceof AppError)) console.error(`[studio] ${job.task} failed:`, errorText(err, { stack: true }));
      await updateJob(record.id, (j) => {
        if (transition(j, { to: "failed", error: { code: "upstream", message } })) Object.assign(j, kept);
      }).catch(() => undefined);
      send({ type: "error", message });
    }
  }
}
