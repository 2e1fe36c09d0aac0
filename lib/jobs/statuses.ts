/**
 * A job's statuses as plain data: what the browser needs to tell a finished job from a running one
 * without loading the record's schema (zod) with the page. lib/jobs/schema.ts builds on these.
 */

export const STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof STATUSES)[number];
export const isTerminal = (s: JobStatus) => s === "done" || s === "failed" || s === "cancelled";
/** Queued or running: what the sweeper takes up after a restart and the history's "active" filter shows. */
export const ACTIVE_STATUSES: JobStatus[] = STATUSES.filter((s) => !isTerminal(s));
/** History filters: a status, or "active" for everything not finished yet (queued or running). */
export const STATUS_FILTERS = ["active", ...STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
