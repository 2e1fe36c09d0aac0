import "server-only";
import { processSingleton } from "@/lib/process-singleton";
import type { JobRecord, JobStatus } from "./schema";

/**
 * Where job records live. In memory for now, behind the small interface a persistent store
 * implements; updates go through one function so every change stamps `updatedAt`.
 */
type Store = Map<string, JobRecord>;
const store = () => processSingleton<Store>("job-store", () => new Map());

export function saveNew(record: JobRecord): JobRecord {
  store().set(record.id, record);
  return structuredClone(record);
}

export function getJob(id: string): JobRecord | undefined {
  const found = store().get(id);
  return found && structuredClone(found);
}

/** Applies `change` to the stored record; status changes are added to the timeline. */
export function updateJob(id: string, change: (job: JobRecord) => void): JobRecord | undefined {
  const job = store().get(id);
  if (!job) return undefined;
  const before = job.status;
  change(job);
  const now = new Date().toISOString();
  if (job.status !== before) job.timeline.push({ status: job.status, at: now });
  job.updatedAt = now;
  return structuredClone(job);
}

export function newRecord(fields: Pick<JobRecord, "id" | "task" | "endpointId" | "engine" | "input">): JobRecord {
  const now = new Date().toISOString();
  const status: JobStatus = "queued";
  return {
    ...fields,
    status,
    timeline: [{ status, at: now }],
    queuePosition: null,
    logs: [],
    requestId: null,
    outputs: [],
    text: null,
    segments: null,
    prompts: null,
    seed: null,
    error: null,
    timings: {},
    createdAt: now,
    updatedAt: now,
  };
}
