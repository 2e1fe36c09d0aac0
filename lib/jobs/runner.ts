import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { storageFailure } from "@/lib/disk";
import { engines, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { locateMedia, readMediaBlob, saveMedia } from "@/lib/media/store";
import { processSingleton } from "@/lib/process-singleton";
import * as fal from "@/lib/providers/fal";
import { FAMILIES, maxInputPixelsOf, pixelLimitExceeded } from "@/lib/providers/catalog";
import { isDriving, whileDriving } from "./driving";
import { planJob, type Plan } from "./plan";
import { newRecord } from "./record";
import { isShuttingDown, onShutdown, shutdownSignal } from "@/lib/shutdown";
import { sleep } from "@/lib/sleep";
import { claimUnfinished, getJob, insertJob, releaseFalLeases, renewLease, updateJob } from "./repository";
import { generationInputSchema, isTerminal, type GenerationInput, type JobRecord, type MediaOutput } from "./schema";

/**
 * Drives generations from submit to stored outputs. The record is written first, then inputs are
 * uploaded, the job is queued with the provider and polled until it ends; outputs are copied into
 * the studio's media store so links never depend on the provider's copy. The driving instance
 * holds a lease on the job; a job whose driver died (or restarted) is taken up again by request id.
 */

const POLL_MS = 500;
const LEASE_MS = 30_000;
const RENEW_MS = 10_000;
const SWEEP_MS = 15_000;
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;


/** Stable across restarts of the same server, so it takes its own jobs back at once. */
export function instanceId(): string {
  return env().STUDIO_INSTANCE_ID ?? `${os.hostname()}:${env().PORT}`;
}

const leaseUntil = () => new Date(Date.now() + LEASE_MS).toISOString();

export async function startGeneration(input: GenerationInput): Promise<JobRecord> {
  const plan = planJob(input);
  await checkMediaInputs(plan);
  const record = newRecord({ id: randomUUID(), task: input.task, endpointId: plan.endpointId, engine: engines().fal, input });
  await insertJob(record, { owner: instanceId(), until: leaseUntil() });
  void drive(record.id, plan, null);
  return record;
}

/**
 * Every input file must still be in the store, and every image within the endpoint's pixel limit,
 * known from the size recorded at upload: refused here, before anything is uploaded or decoded.
 */
async function checkMediaInputs(plan: Plan): Promise<void> {
  const maxPixels = maxInputPixelsOf(plan.family);
  const fields: Record<string, string> = {};
  for (const { url, field, kind } of Object.values(plan.media)) {
    const found = await locateMedia(url);
    if (!found) fields[field] = "This file is no longer in the studio; upload it again.";
    else if (!found.contentType.startsWith(`${kind}/`)) fields[field] = `This field takes ${kind === "image" ? "an image" : "audio"}, not ${found.contentType}.`;
    else if (kind === "image") {
      // Every stored image has its size (measured at upload); one without cannot be checked, so it is not sent.
      const excess = found.width && found.height ? maxPixels && pixelLimitExceeded(found.width, found.height, maxPixels, plan.endpointId) : "This image's size is unknown; upload it again.";
      if (excess) fields[field] = excess;
    }
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError("validation", first, fields);
}

/** Starts the same inputs again as a new job. */
export async function rerun(id: string): Promise<JobRecord> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  const input = generationInputSchema.safeParse({ ...job.input, model: job.endpointId });
  if (!input.success) throw new AppError("bad_request", "This kind of job cannot be re-run from here.");
  return startGeneration(input.data);
}

async function fail(id: string, err: unknown) {
  const error = err instanceof AppError ? err : (storageFailure(err) ?? fal.toAppError(err, "finish the job"));
  await updateJob(id, (job) => {
    if (isTerminal(job.status)) return;
    job.status = "failed";
    job.queuePosition = null;
    job.error = { code: error.code, message: error.message };
  }).catch((e: unknown) => console.error(`[studio] could not record the failure of job ${id}:`, e));
}

function drive(id: string, plan: Plan, requestId: string | null): Promise<boolean> {
  return whileDriving(id, () => follow(id, plan, requestId));
}

async function follow(id: string, plan: Plan, requestId: string | null) {
  const started = Date.now();
  let renewedAt = Date.now();
  try {
    if (!requestId) {
      const uploaded: Record<string, string> = {};
      for (const [field, { url }] of Object.entries(plan.media)) {
        const blob = await readMediaBlob(url);
        uploaded[field] = await fal.upload({ data: blob, fileName: url.split("/").pop()! });
      }
      if ((await getJob(id))?.status === "cancelled") return;
      ({ requestId } = await fal.submit({ endpointId: plan.endpointId, input: { ...plan.input, ...uploaded } }));
      const submitted = requestId;
      const afterSubmit = await updateJob(id, (job) => {
        job.requestId = submitted;
        job.seed = typeof plan.input.seed === "number" ? plan.input.seed : null;
      });
      // Cancelled while submitting: pass the cancel on now that there is a request to cancel.
      if (afterSubmit?.status === "cancelled") return void (await fal.cancel({ endpointId: plan.endpointId, requestId }));
    }

    let runningSince: number | undefined;
    for (;;) {
      // Stopping: the job stays as it is, and is taken up again by request id (see releaseFalLeases).
      if (isShuttingDown()) return;
      const s = await fal.status({ endpointId: plan.endpointId, requestId });
      if (s.status === "running") runningSince ??= Date.now();
      const job = await updateJob(id, (j) => {
        if (isTerminal(j.status)) return;
        j.status = s.status === "queued" ? "queued" : "running";
        j.queuePosition = s.queuePosition;
        if (s.logs.length) j.logs = s.logs.slice(-200);
      });
      if (!job || job.status === "cancelled") return;
      if (s.status === "completed") break;
      if (Date.now() - renewedAt > RENEW_MS) {
        // Another instance took the job over (this one stalled past its lease): let it drive.
        if (!(await renewLease(id, instanceId(), LEASE_MS))) return;
        renewedAt = Date.now();
      }
      await sleep(POLL_MS, shutdownSignal());
    }
    const raw = await fal.result({ endpointId: plan.endpointId, requestId });
    if ((await getJob(id))?.status === "cancelled") return;
    const collected = await collect(plan, raw);
    const finished = Date.now();
    await updateJob(id, (job) => {
      if (isTerminal(job.status)) return;
      Object.assign(job, collected);
      job.status = "done";
      job.queuePosition = null;
      const queueMs = (runningSince ?? finished) - started;
      job.timings = { queueMs, runMs: runningSince ? finished - runningSince : undefined, totalMs: finished - Date.parse(job.createdAt) };
    });
  } catch (err) {
    // Calls cut short by a stop are not the job's failure: it resumes on the next start.
    if (isShuttingDown()) return;
    await fail(id, err);
  }
}

/** Reads the provider's output with the family's schema and stores every file it names. */
async function collect(plan: Plan, raw: unknown): Promise<Partial<JobRecord>> {
  const parsed = FAMILIES[plan.family].output.safeParse(raw);
  if (!parsed.success) throw new AppError("upstream", "The model answered in an unexpected shape.");
  const out = parsed.data as {
    images?: { url: string; width?: number; height?: number; content_type?: string }[];
    video?: { url: string; content_type?: string };
    seed?: number;
    text?: string;
    chunks?: { timestamp: (number | null)[]; text: string }[];
  };
  const seed = out.seed !== undefined ? { seed: out.seed } : {};
  if (out.images) {
    return { outputs: await Promise.all(out.images.map((img) => copyOutput(img.url, "image", img.content_type ?? "image/png", img))), ...seed };
  }
  if (out.video) return { outputs: [await copyOutput(out.video.url, "video", out.video.content_type ?? "video/mp4")], ...seed };
  const segments = (out.chunks ?? []).map((c) => ({
    start: c.timestamp[0] ?? 0,
    end: c.timestamp[1] ?? c.timestamp[0] ?? 0,
    text: c.text.trim(),
  }));
  return { text: (out.text ?? "").trim(), segments };
}

/**
 * Copies one output into the media store (retried under the central policy). If that still
 * fails, the job keeps the provider's URL and says why, rather than losing the result.
 */
async function copyOutput(url: string, kind: MediaOutput["kind"], contentType: string, size?: { width?: number; height?: number }): Promise<MediaOutput> {
  try {
    const res = await fal.outboundFetch()(url, { redirect: "follow" });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    const saved = await saveMedia(res.body, res.headers.get("content-type") ?? contentType, { maxBytes: MAX_OUTPUT_BYTES });
    return {
      kind,
      url: saved.url,
      contentType: saved.contentType,
      bytes: saved.bytes,
      width: saved.width ?? size?.width,
      height: saved.height ?? size?.height,
      durationSec: saved.durationSec,
      posterUrl: saved.posterUrl,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`[studio] could not copy an output into the media store (${reason}); keeping the provider's URL`);
    return { kind, url, contentType, width: size?.width, height: size?.height, copyError: `Not copied to this studio's storage: ${reason}` };
  }
}

export async function cancelJob(id: string): Promise<JobRecord> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  if (isTerminal(job.status)) throw new AppError("conflict", `The job is already ${job.status}.`);
  const updated = (await updateJob(id, (j) => {
    if (isTerminal(j.status)) return;
    j.status = "cancelled";
    j.queuePosition = null;
  }))!;
  if (job.requestId && job.task !== "prompts") await fal.cancel({ endpointId: job.endpointId, requestId: job.requestId });
  return updated;
}

/**
 * Takes up unfinished jobs nobody drives: after a restart, or when another instance died.
 * Prompt drafts stream to one browser and cannot be resumed; they end as failed.
 */
export async function resumeUnfinished(): Promise<number> {
  const jobs = await claimUnfinished(instanceId(), LEASE_MS);
  let resumed = 0;
  for (const job of jobs) {
    if (isDriving(job.id)) continue;
    if (job.task === "prompts") {
      await fail(job.id, new AppError("unavailable", "The server restarted while the prompts were being written; draft them again."));
      continue;
    }
    const input = generationInputSchema.safeParse({ ...job.input, model: job.endpointId });
    if (!input.success) {
      await fail(job.id, new AppError("internal", "This job's inputs can no longer be read."));
      continue;
    }
    try {
      void drive(job.id, planJob(input.data), job.requestId);
      resumed++;
    } catch (err) {
      await fail(job.id, err);
    }
  }
  return resumed;
}

/** Resumes what was interrupted, then keeps sweeping for jobs whose driver went away. */
export function startJobSweeper(): void {
  processSingleton("jobs-sweeper", () => {
    const sweep = () => {
      if (isShuttingDown()) return;
      resumeUnfinished()
        .then((n) => n > 0 && console.log(`[studio] resumed ${n} unfinished job${n === 1 ? "" : "s"}`))
        .catch((err: unknown) => console.error("[studio] could not resume unfinished jobs:", err instanceof Error ? err.message : err));
    };
    sweep();
    const timer = setInterval(sweep, SWEEP_MS).unref();
    onShutdown("job leases", async () => {
      clearInterval(timer);
      const released = await releaseFalLeases(instanceId());
      if (released) console.log(`[studio] released ${released} fal job lease(s) for other instances`);
    });
    return timer;
  });
}
