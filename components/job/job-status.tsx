"use client";

import { useSyncExternalStore } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { lazyView } from "@/lib/client/lazy-view";
import { isTerminal } from "@/lib/jobs/statuses";
import type { JobRecord } from "@/lib/jobs/schema";
import { StatusBadge } from "./badges";
import { formatMs } from "./format";

const subscribe = () => () => {};

/** How long the job took, from its own timeline (the same on the server and in the browser). */
function elapsedOf(job: JobRecord): number | undefined {
  if (job.timings.totalMs !== undefined) return job.timings.totalMs;
  const last = job.timeline[job.timeline.length - 1];
  return last ? Date.parse(last.at) - Date.parse(job.createdAt) : undefined;
}

function StaticStatus({ job }: { job: JobRecord }) {
  const took = formatMs(elapsedOf(job));
  return (
    <section aria-label="Job status" data-testid="job-status" data-status={job.status} className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
      <div className="flex flex-wrap items-center gap-3">
        {!isTerminal(job.status) ? <Spinner /> : null}
        <StatusBadge status={job.status} />
        <p className="text-sm text-zinc-300">
          {job.status === "queued" && "Waiting in the queue"}
          {job.status === "running" && "The model is working"}
          {job.status === "failed" && "The job did not finish"}
          {job.status === "cancelled" && "This job was cancelled"}
          {job.status === "done" && "Finished"}
        </p>
        {isTerminal(job.status) && took ? <span className="ml-auto font-mono text-xs tabular-nums text-zinc-500">after {took}</span> : null}
      </div>
      {job.status === "failed" && job.error ? <ErrorAlert className="mt-3" title="Why it failed" message={job.error.message} /> : null}
    </section>
  );
}

// Only a job still running shows it: a finished job's page does not load it. The static status
// stands while it loads, as it stood until the page hydrated.
const JobProgress = lazyView(
  () => import("./job-progress").then((m) => m.JobProgress),
  ({ job }) => <StaticStatus job={job} />,
);

/**
 * The job's state above its result. While it runs, the live JobProgress (elapsed time, log, Cancel)
 * takes over once the page is interactive; it counts from the browser's clock, so it is not
 * rendered on the server. Failed and cancelled jobs show how and why they ended.
 */
export function JobStatusPanel({ job, onCancel }: { job: JobRecord; onCancel: () => void }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  if (!isTerminal(job.status) && hydrated) return <JobProgress job={job} onCancel={onCancel} />;
  return <StaticStatus job={job} />;
}
