import type { JobRecord, JobStatus } from "./schema";

/**
 * The one way a job's status changes, for every task. A job moves forward only: queued → running →
 * done | failed | cancelled (queued may end directly). A finished job never changes again, so a late
 * status poll or a racing cancel cannot resurrect it. The repository stamps the timeline.
 */

const NEXT: Record<JobStatus, readonly JobStatus[]> = {
  queued: ["running", "done", "failed", "cancelled"],
  running: ["done", "failed", "cancelled"],
  done: [],
  failed: [],
  cancelled: [],
};

export const canMove = (from: JobStatus, to: JobStatus) => (from === to && NEXT[from].length > 0) || NEXT[from].includes(to);

type Ending =
  | { to: "done"; fields: Partial<Pick<JobRecord, "outputs" | "text" | "reasoning" | "usage" | "segments" | "prompts" | "seed" | "timings">> }
  | { to: "failed"; error: NonNullable<JobRecord["error"]> }
  | { to: "cancelled" };

type Step = { to: "queued"; queuePosition: number | null } | { to: "running" } | Ending;

/**
 * Applies a step to the record in place and says whether it did. A step the job cannot take (it is
 * finished, or it would go back) leaves the record as it was.
 */
export function transition(job: JobRecord, step: Step): boolean {
  if (!canMove(job.status, step.to)) return false;
  job.status = step.to;
  switch (step.to) {
    case "queued":
      job.queuePosition = step.queuePosition;
      break;
    case "running":
      job.queuePosition = null;
      break;
    case "done":
      Object.assign(job, step.fields);
      job.queuePosition = null;
      break;
    case "failed":
      job.error = step.error;
      job.queuePosition = null;
      break;
    case "cancelled":
      job.queuePosition = null;
      break;
  }
  return true;
}
