import "server-only";
import { randomUUID } from "node:crypto";
import { storageFailure } from "@/lib/disk";
import { engines } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { locateMedia, readMediaBlob, saveMedia } from "@/lib/media/store";
import * as fal from "@/lib/providers/fal";
import { CallStopped, type RemoteFile } from "@/lib/providers/call";
import { maxInputPixelsOf, pixelLimitExceeded } from "@/lib/providers/catalog";
import { taskDefinition } from "@/lib/tasks/registry";
import { queueTask } from "@/lib/tasks/server";
import type { Prepared } from "@/lib/tasks/server-types";
import { isDriving, whileDriving } from "./driving";
import { newRecord } from "./record";
import { isShuttingDown, shutdownSignal } from "@/lib/shutdown";
import { instanceId } from "./instance";
import { claimUnfinished, getJob, insertJob, renewLease, takeLease, updateJob } from "./repository";
import { generationInputSchema, isTerminal, type GenerationInput, type JobRecord, type MediaOutput } from "./schema";
import { transition } from "./status";
import type { JobOptions } from "@/lib/agent/studio";
import { webhookOf } from "@/lib/webhooks/target";
import { falPollMs, falWebhookUrl } from "@/lib/webhooks/incoming";
import { signalRequest } from "./request-events";

/**
 * Drives generations from submit to stored outputs. The record is written first, then inputs are
 * uploaded, the job is queued with the provider and followed until it ends (polled, and woken by the
 * provider's webhook when the studio has a public address); outputs are copied into
 * the studio's media store so links never depend on the provider's copy. The driving instance
 * holds a lease on the job; a job whose driver died (or restarted) is taken up again by request id.
 */

const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

const leaseUntil = () => new Date(Date.now() + LEASE_MS).toISOString();

export async function startGeneration(input: GenerationInput, opts: JobOptions = {}): Promise<JobRecord> {
  const prepared = queueTask(input.task).prepare(input);
  const webhook = webhookOf(opts);
  await checkMediaInputs(prepared);
  const record = newRecord({ id: randomUUID(), task: input.task, endpointId: prepared.endpointId, engine: engines().fal, input });
  record.seed = prepared.seed;
  record.webhook = webhook;
  await insertJob(record, { owner: instanceId(), until: leaseUntil() });
  void drive(record, null);
  return record;
}

/**
 * Every input file must still be in the store, and every image within the endpoint's pixel limit,
 * known from the size recorded at upload: refused here, before anything is uploaded or decoded.
 */
export async function checkMediaInputs(prepared: Prepared): Promise<void> {
  const maxPixels = maxInputPixelsOf(prepared.family);
  const fields: Record<string, string> = {};
  for (const { url, field, kind, minSide } of prepared.media) {
    const found = await locateMedia(url);
    if (!found) fields[field] = "This file is no longer in the studio; upload it again.";
    else if (!found.contentType.startsWith(`${kind}/`)) fields[field] = `This field takes ${kind === "image" ? "an image" : "audio"}, not ${found.contentType}.`;
    else if (kind === "image") {
      // Every stored image has its size (measured at upload); one without cannot be checked, so it is not sent.
      const excess = found.width && found.height ? maxPixels && pixelLimitExceeded(found.width, found.height, maxPixels, prepared.endpointId) : "This image's size is unknown; upload it again.";
      if (excess) fields[field] = excess;
      else if (minSide && Math.min(found.width!, found.height!) < minSide) fields[field] = `This image is ${found.width}×${found.height}; it must be at least ${minSide} px on each side.`;
    }
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError("validation", first, fields);
}

/** The job's input as it was asked for, on the endpoint it was sent to; undefined if it can no longer be read. */
function storedInput(job: JobRecord): GenerationInput | undefined {
  const input = generationInputSchema.safeParse({ ...job.input, model: job.endpointId });
  return input.success ? input.data : undefined;
}

/** Starts the same inputs again as a new job. */
export async function rerun(id: string): Promise<JobRecord> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  const input = storedInput(job);
  if (!input) throw new AppError("bad_request", "This kind of job cannot be re-run from here.");
  // A re-run draws a new seed unless the person had fixed one.
  return startGeneration(input);
}

async function fail(id: string, err: unknown) {
  const error = err instanceof AppError ? err : (storageFailure(err) ?? fal.toAppError(err, "finish the job"));
  await updateJob(id, (job) => {
    transition(job, { to: "failed", error: { code: error.code, message: error.message } });
  }).catch((e: unknown) => console.error(`[studio] could not record the failure of job ${id}:`, e));
}

function drive(job: JobRecord, requestId: string | null): Promise<boolean> {
  return whileDriving(job.id, () => follow(job, requestId));
}

async function follow(job: JobRecord, requestId: string | null) {
  const { id } = job;
  const started = Date.now();
  let renewedAt = Date.now();
  let runningSince: number | undefined;
  try {
    const input = storedInput(job);
    if (!input) throw new AppError("internal", "This job's inputs can no longer be read.");
    const out = await queueTask(input.task).run(input, {
      seed: job.seed,
      file: (url) => () => readMediaBlob(url),
      call: {
        endpointId: job.endpointId,
        requestId,
        pollMs: falPollMs(),
        webhookUrl: falWebhookUrl(),
        signal: shutdownSignal(),
        onSubmitted: async (submitted) => {
          // Cancelled while submitting: the request is cancelled now that there is one to cancel.
          const after = await updateJob(id, (j) => { j.requestId = submitted; });
          return Boolean(after) && after!.status !== "cancelled";
        },
        onStatus: async (s) => {
          // Stopping: the job stays as it is, and is taken up again by request id (see releaseFalLeases).
          if (isShuttingDown()) return false;
          if (s.status !== "queued") runningSince ??= Date.now();
          const current = await updateJob(id, (j) => {
            transition(j, s.status === "queued" ? { to: "queued", queuePosition: s.queuePosition } : { to: "running" });
            if (s.logs.length && !isTerminal(j.status)) j.logs = s.logs.slice(-200);
          });
          // Cancelled, or finished by another instance that a webhook reached (requestEnded).
          if (!current || isTerminal(current.status)) return false;
          // Before finishing, too: if the job was taken over, the taker finishes it, not both.
          if (s.status === "completed" || Date.now() - renewedAt > RENEW_MS) {
            // Another instance took the job over (this one stalled past its lease): let it drive.
            if (!(await renewLease(id, instanceId(), LEASE_MS))) return false;
            renewedAt = Date.now();
          }
          return true;
        },
      },
    });
    if (isTerminal((await getJob(id))?.status ?? "cancelled")) return;
    const outputs = await Promise.all(out.files.map(({ file, kind }) => copyOutput(file, kind)));
    const finished = Date.now();
    await updateJob(id, (j) => {
      const queueMs = (runningSince ?? finished) - started;
      transition(j, {
        to: "done",
        fields: {
          outputs,
          ...(out.seed !== undefined ? { seed: out.seed } : {}),
          ...(out.text !== undefined ? { text: out.text } : {}),
          ...(out.segments ? { segments: out.segments } : {}),
          timings: { queueMs, runMs: runningSince ? finished - runningSince : undefined, totalMs: finished - Date.parse(j.createdAt) },
        },
      });
    });
  } catch (err) {
    // Calls cut short by a stop, or let go on purpose, are not the job's failure.
    if (err instanceof CallStopped || isShuttingDown()) return;
    await fail(id, err);
  }
}

/**
 * Copies one output into the media store (retried under the central policy). If that still
 * fails, the job keeps the provider's URL and says why, rather than losing the result.
 */
async function copyOutput(file: RemoteFile, kind: MediaOutput["kind"]): Promise<MediaOutput> {
  const { url, contentType } = file;
  try {
    const res = await fal.outboundFetch()(url, { redirect: "follow" });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const saved = await saveMedia(res.body, res.headers.get("content-type") ?? contentType, { maxBytes: MAX_OUTPUT_BYTES });
    return {
      kind,
      url: saved.url,
      contentType: saved.contentType,
      bytes: saved.bytes,
      width: saved.width ?? file.width,
      height: saved.height ?? file.height,
      durationSec: saved.durationSec ?? file.durationSec,
      posterUrl: saved.posterUrl,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`[studio] could not copy an output into the media store (${reason}); keeping the provider's URL`);
    return { kind, url, contentType, width: file.width, height: file.height, durationSec: file.durationSec, copyError: `Not copied to this studio's storage: ${reason}` };
  }
}

export async function cancelJob(id: string): Promise<JobRecord> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  if (isTerminal(job.status)) throw new AppError("conflict", `The job is already ${job.status}.`);
  const updated = (await updateJob(id, (j) => {
    transition(j, { to: "cancelled" });
  }))!;
  if (job.requestId && job.task !== "prompts") await fal.cancel({ endpointId: job.endpointId, requestId: job.requestId });
  return updated;
}

/**
 * A verified webhook said the job's request ended. Its driver in this process wakes and reads the
 * result as it would after a poll. With several instances the webhook may land on one that does not
 * drive the job: that one takes the fal job over (its lease) and finishes it by the same code; the
 * old driver lets go when it next checks (its lease is gone, or the job has ended). A local-engine
 * job stays with its driver: only that instance's engine holds the request, and it polls as well.
 */
export async function requestEnded(job: JobRecord): Promise<void> {
  if (!job.requestId || isTerminal(job.status)) return;
  signalRequest(job.requestId);
  if (isDriving(job.id) || job.engine !== "fal") return;
  if (await takeLease(job.id, instanceId(), LEASE_MS)) void drive(job, job.requestId);
}

/**
 * Takes up unfinished jobs nobody drives: after a restart, or when another instance died.
 * Streamed jobs (prompt drafts, text) are written to one browser and cannot be resumed; they end as failed.
 */
export async function resumeUnfinished(): Promise<number> {
  const jobs = await claimUnfinished(instanceId(), LEASE_MS);
  let resumed = 0;
  for (const job of jobs) {
    if (isDriving(job.id)) continue;
    if (taskDefinition(job.task).runs === "stream") {
      await fail(job.id, new AppError("unavailable", `The server restarted while the ${job.task === "prompts" ? "prompts were" : "answer was"} being written; ${job.task === "prompts" ? "draft them" : "send it"} again.`));
      continue;
    }
    void drive(job, job.requestId);
    resumed++;
  }
  return resumed;
}
