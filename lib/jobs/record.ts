import type { JobRecord, JobStatus } from "./schema";

/** A fresh record, queued; every job starts here before any provider is called. */
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
    reasoning: null,
    usage: null,
    seed: null,
    error: null,
    webhook: null,
    shareId: null,
    timings: {},
    createdAt: now,
    updatedAt: now,
  };
}
