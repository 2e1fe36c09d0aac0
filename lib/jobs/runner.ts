import "server-only";
import { randomUUID } from "node:crypto";
import { engines } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readMediaBlob, saveMedia } from "@/lib/media/store";
import * as fal from "@/lib/providers/fal";
import { FAMILIES } from "@/lib/providers/catalog";
import { planJob, type Plan } from "./plan";
import { isTerminal, type GenerationInput, type JobRecord, type MediaOutput } from "./schema";
import { getJob, newRecord, saveNew, updateJob } from "./store";

/**
 * Drives one generation from submit to stored outputs: the record is written first, then the
 * inputs are uploaded, the job is queued with the provider and polled until it ends; outputs are
 * copied into the studio's media store so links never depend on the provider's copy.
 */

const POLL_MS = 500;
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startGeneration(input: GenerationInput): JobRecord {
  const plan = planJob(input);
  const record = saveNew(
    newRecord({ id: randomUUID(), task: input.task, endpointId: plan.endpointId, engine: engines().fal, input }),
  );
  void drive(record.id, plan);
  return record;
}

function fail(id: string, err: unknown) {
  const error = err instanceof AppError ? err : fal.toAppError(err, "finish the job");
  updateJob(id, (job) => {
    if (isTerminal(job.status)) return;
    job.status = "failed";
    job.error = { code: error.code, message: error.message };
  });
}

async function drive(id: string, plan: Plan) {
  const started = Date.now();
  try {
    const uploaded: Record<string, string> = {};
    for (const [field, mediaUrl] of Object.entries(plan.media)) {
      const blob = await readMediaBlob(mediaUrl);
      uploaded[field] = await fal.upload({ data: blob, fileName: mediaUrl.split("/").pop()! });
    }
    if (getJob(id)?.status === "cancelled") return;
    const { requestId } = await fal.submit({ endpointId: plan.endpointId, input: { ...plan.input, ...uploaded } });
    const afterSubmit = updateJob(id, (job) => {
      job.requestId = requestId;
      job.seed = typeof plan.input.seed === "number" ? plan.input.seed : null;
    });
    // Cancelled while submitting: pass the cancel on now that there is a request to cancel.
    if (afterSubmit?.status === "cancelled") return void fal.cancel({ endpointId: plan.endpointId, requestId });

    let runningSince: number | undefined;
    for (;;) {
      const s = await fal.status({ endpointId: plan.endpointId, requestId });
      if (s.status === "running") runningSince ??= Date.now();
      const job = updateJob(id, (j) => {
        if (isTerminal(j.status)) return;
        j.status = s.status === "queued" ? "queued" : "running";
        j.queuePosition = s.queuePosition;
        if (s.logs.length) j.logs = s.logs.slice(-200);
      });
      if (!job || job.status === "cancelled") return;
      if (s.status === "completed") break;
      await sleep(POLL_MS);
    }
    const raw = await fal.result({ endpointId: plan.endpointId, requestId });
    if (getJob(id)?.status === "cancelled") return;
    const collected = await collect(plan, raw);
    const finished = Date.now();
    updateJob(id, (job) => {
      if (isTerminal(job.status)) return;
      Object.assign(job, collected);
      job.status = "done";
      job.queuePosition = null;
      job.timings = {
        queueMs: (runningSince ?? finished) - started,
        runMs: runningSince ? finished - runningSince : undefined,
        totalMs: finished - started,
      };
    });
  } catch (err) {
    fail(id, err);
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
  const seed = out.seed ?? null;
  if (out.images) {
    const outputs = await Promise.all(out.images.map((img) => store(img.url, "image", img.content_type, img)));
    return { outputs, ...(seed !== null ? { seed } : {}) };
  }
  if (out.video) return { outputs: [await store(out.video.url, "video", out.video.content_type ?? "video/mp4")], ...(seed !== null ? { seed } : {}) };
  const segments = (out.chunks ?? []).map((c) => ({
    start: c.timestamp[0] ?? 0,
    end: c.timestamp[1] ?? c.timestamp[0] ?? 0,
    text: c.text.trim(),
  }));
  return { text: (out.text ?? "").trim(), segments };
}

async function store(
  url: string,
  kind: MediaOutput["kind"],
  contentType?: string,
  size?: { width?: number; height?: number },
): Promise<MediaOutput> {
  const res = await fal.outboundFetch()(url, { redirect: "follow" });
  if (!res.ok || !res.body) throw new AppError("upstream", `Could not download the result (HTTP ${res.status}).`);
  const type = res.headers.get("content-type") ?? contentType ?? "application/octet-stream";
  const saved = await saveMedia(res.body, type, MAX_OUTPUT_BYTES);
  return { kind, url: saved.url, contentType: saved.contentType, bytes: saved.bytes, width: size?.width, height: size?.height };
}

export async function cancelJob(id: string): Promise<JobRecord> {
  const job = getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  if (isTerminal(job.status)) throw new AppError("conflict", `The job is already ${job.status}.`);
  const updated = updateJob(id, (j) => {
    j.status = "cancelled";
    j.queuePosition = null;
  })!;
  if (job.requestId) await fal.cancel({ endpointId: job.endpointId, requestId: job.requestId });
  return updated;
}
