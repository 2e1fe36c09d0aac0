"use client";

import { useEffect, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { isTerminal, type JobStatus } from "@/lib/jobs/statuses";
import type { JobRecord } from "@/lib/jobs/schema";

const LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};
const TONE: Record<JobStatus, BadgeTone> = {
  queued: "neutral",
  running: "accent",
  done: "success",
  failed: "danger",
  cancelled: "warning",
};

function useElapsed(since: string, running: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [running]);
  return Math.max(0, (now - Date.parse(since)) / 1000);
}

/** The queue's view of a job: position while queued, the model's log lines while running, the reason when it fails. */
export function JobProgress({ job, onCancel }: { job: JobRecord; onCancel?: () => void }) {
  const active = !isTerminal(job.status);
  const elapsed = useElapsed(job.createdAt, active);
  const total = job.timings.totalMs !== undefined ? job.timings.totalMs / 1000 : elapsed;
  const lastLogs = job.logs.slice(-5);

  return (
    <section
      aria-label="Job status"
      data-testid="job-status"
      data-status={job.status}
      className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4"
    >
      <div className="flex flex-wrap items-center gap-3">
        {active ? <Spinner label={LABEL[job.status]} /> : null}
        <Badge tone={TONE[job.status]}>{LABEL[job.status]}</Badge>
        <p className="text-sm text-zinc-300" aria-live="polite">
          {job.status === "queued" && (job.queuePosition !== null ? `Waiting in the queue · position ${job.queuePosition + 1}` : "Submitting…")}
          {job.status === "running" && "The model is working"}
          {job.status === "done" && `Finished in ${total.toFixed(1)} s`}
          {job.status === "cancelled" && "You cancelled this job"}
          {job.status === "failed" && "The job did not finish"}
        </p>
        <span className="ml-auto font-mono text-xs tabular-nums text-zinc-500">{total.toFixed(1)} s</span>
        {active && onCancel ? (
          <Button variant="secondary" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {job.status === "failed" && job.error ? <ErrorAlert className="mt-3" title="Why it failed" message={job.error.message} /> : null}
      {lastLogs.length > 0 && active ? (
        <ol aria-label="Model log" className="mt-3 space-y-0.5 rounded-lg bg-zinc-950/80 p-3 font-mono text-xs text-zinc-400">
          {lastLogs.map((log, i) => (
            <li key={`${log.at}-${i}`} className={log.level === "ERROR" ? "text-rose-400" : undefined}>
              {log.message}
            </li>
          ))}
        </ol>
      ) : null}
      {job.status === "done" && (job.seed !== null || job.endpointId) ? (
        <p className="mt-2 text-xs text-zinc-500">
          <span className="font-mono">{job.endpointId}</span>
          {job.seed !== null ? <> · seed <span className="font-mono text-zinc-300" data-testid="used-seed">{job.seed}</span></> : null}
          {job.engine === "local" ? " · local engine" : null}
        </p>
      ) : null}
    </section>
  );
}
