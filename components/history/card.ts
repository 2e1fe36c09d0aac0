import type { JobSummary } from "@/components/job/describe";
import { TASK_THUMBS } from "@/components/tasks/thumbs";
import type { JobRecord, Task } from "@/lib/jobs/schema";
import type { JobStatus } from "@/lib/jobs/statuses";
import type { Thumb } from "./thumbs";

/**
 * What a History card shows of a job, and what it needs to follow it (id, status): sent to the
 * browser in place of the record, whose input, timeline, logs and outputs the card never reads
 * (the first page's 24 records made two thirds of its payload). Made on the server for that page,
 * in the browser for later pages and for a job that changes.
 */
export type CardJob = {
  id: string;
  task: Task;
  status: JobStatus;
  createdAt: string;
  queuePosition: number | null;
  /** Why it failed. */
  error: string | null;
  /** Deleting it also takes its public link down. */
  shared: boolean;
  /** A finished job's picture or words; null when it has none (the card shows its state). */
  thumb: Thumb | null;
  summary: JobSummary;
};

export function cardOf(job: JobRecord, summary: JobSummary): CardJob {
  return {
    id: job.id,
    task: job.task,
    status: job.status,
    createdAt: job.createdAt,
    queuePosition: job.queuePosition,
    error: job.error?.message ?? null,
    shared: job.shareId !== null,
    thumb: job.status === "done" ? TASK_THUMBS[job.task](job) : null,
    summary,
  };
}

/** A card's job as the watcher or an action hands it back: the whole record. */
export const isRecord = (job: CardJob | JobRecord): job is JobRecord => !("summary" in job);
