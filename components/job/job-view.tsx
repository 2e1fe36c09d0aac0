"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useJobActions } from "@/hooks/use-job-actions";
import { useJobSummary } from "@/hooks/use-job-summary";
import { useLiveJob } from "@/hooks/use-live-job";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ShuffleIcon, TrashIcon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { isTerminal } from "@/lib/jobs/statuses";
import type { JobRecord } from "@/lib/jobs/schema";
import { StatusBadge, TaskBadge } from "./badges";
import { RerunIcon } from "./icons";
import type { JobSummary } from "./describe";
import { excerpt, remixHref, type Setting } from "./format";
import { CopyWarnings } from "./copy-warnings";
import { LinkButton } from "./link-button";
import { RelativeTime } from "./relative-time";
import { LazyConfirmDialog } from "./lazy-confirm-dialog";
import { SharePanel } from "./share-panel";
import { lazyView } from "@/lib/client/lazy-view";

// Every task's result view, with what they import (the task definitions, full zod): loaded only for a job that finishes here.
const LiveOutputs = lazyView(() => import("./job-outputs").then((m) => m.JobOutputs));
// What changes while a job runs, loaded only for a job still running (the server renders it for one that had ended).
const LiveSettings = lazyView(() => import("./job-details").then((m) => m.JobSettings));
const LiveTimeline = lazyView(() => import("./job-details").then((m) => m.Timeline));
const LiveLogs = lazyView(() => import("./job-details").then((m) => m.JobLogs));
// A job done shows no status panel; the server renders it for one that is not.
const JobStatusPanel = lazyView(() => import("./job-status").then((m) => m.JobStatusPanel));

/** What the server renders of a job that had ended when the page was asked for: none of it changes any more. */
export type EndedParts = { outputs: ReactNode; settings: ReactNode; timeline: ReactNode; logs: ReactNode };

/**
 * The page of one job. The server reads what its task says of it (`settings`; a job's settings and
 * inputs never change), renders its inputs, and renders what a job that had ended shows (`ended`).
 */
export function JobView({ initial, summary: initialSummary, settings, inputs, ended, origin }: {
  initial: JobRecord;
  summary: JobSummary;
  /** What a job not yet ended shows as its settings once it ends; an ended job's come rendered in `ended`. */
  settings?: Setting[];
  /** The job's input media, or nothing when it had none. */
  inputs: ReactNode;
  ended?: EndedParts;
  origin: string;
}) {
  const router = useRouter();
  const { job, setJob, gone, pollError } = useLiveJob(initial);
  const summary = useJobSummary(job, initial, initialSummary);
  const actions = useJobActions(job.id, { onChange: setJob, onDeleted: () => router.push("/history") });
  const rerunning = actions.busy === "rerun";
  const finished = isTerminal(job.status);

  const shareable = job.status === "done" || Boolean(job.shareId);

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6" data-testid="job-page" data-job-id={job.id}>
      <div>
        <Link
          href="/history"
          className="inline-flex items-center gap-1 rounded-md text-sm text-zinc-400 hover:text-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
        >
          <span aria-hidden>←</span> History
        </Link>
        <header className="mt-3 flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
              <TaskBadge task={job.task} label={summary.taskLabel} />
              <StatusBadge status={job.status} />
              <span aria-hidden>·</span>
              <RelativeTime iso={job.createdAt} />
            </div>
            <h1 className="mt-2 line-clamp-3 max-w-3xl text-xl font-semibold tracking-tight break-words text-zinc-50 sm:text-2xl">{excerpt(summary.name, 160)}</h1>
          </div>
          <div className="flex shrink-0 flex-wrap gap-2" role="group" aria-label="Job actions">
            <LinkButton href={remixHref(job)} variant="primary" data-testid="remix-link">
              <ShuffleIcon size={16} /> Remix
            </LinkButton>
            {summary.rerunnable ? (
              <Button variant="secondary" onClick={() => void actions.rerun()} loading={rerunning} disabled={!finished}>
                {rerunning ? null : <RerunIcon size={16} />} Re-run
              </Button>
            ) : null}
            <Button
              variant="ghost"
              onClick={() => actions.setConfirmingDelete(true)}
              disabled={!finished}
              title={finished ? undefined : "Cancel the job before deleting it"}
              className="hover:text-rose-300"
            >
              <TrashIcon size={16} /> Delete
            </Button>
          </div>
        </header>
      </div>

      {gone ? <ErrorAlert title="This job was deleted" message={<>It is no longer in the history. <Link href="/history" className="underline">Back to the history</Link></>} /> : null}
      {actions.error ? <ErrorAlert message={actions.error} /> : null}
      {pollError && !gone ? <ErrorAlert title="Lost touch with the server" message={`${pollError} Retrying…`} /> : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_340px] xl:grid-cols-[minmax(0,1fr)_380px]">
        <section aria-label="Result" className="flex min-w-0 flex-col gap-4">
          {job.status !== "done" ? <JobStatusPanel job={job} onCancel={() => void actions.cancel()} /> : null}
          {job.status === "cancelled" && job.task === "text" && job.text ? (ended?.outputs ?? <LiveOutputs job={job} variant="studio" />) : null}
          {job.status === "done" ? (
            <>
              <CopyWarnings job={job} />
              {ended?.outputs ?? <LiveOutputs job={job} variant="studio" />}
            </>
          ) : null}
          {/* While it runs, JobProgress shows the latest lines; the whole log once it has ended. */}
          {finished ? (ended?.logs ?? <LiveLogs job={job} />) : null}
        </section>
        <aside className="flex flex-col gap-4" aria-label="About this job">
          {shareable ? <SharePanel job={job} origin={origin} onChange={setJob} /> : null}
          <Panel title="Settings">
            {ended?.settings ?? <LiveSettings job={job} settings={settings ?? []} />}
          </Panel>
          {inputs ? <Panel title="Inputs">{inputs}</Panel> : null}
          <Panel title="Timeline">
            {ended?.timeline ?? <LiveTimeline job={job} />}
          </Panel>
        </aside>
      </div>

      {actions.confirmingDelete ? (
        <LazyConfirmDialog
          open
          title="Delete this job?"
          description={
            <>
              The job and its files are removed for good{job.shareId ? ", and its public link stops working" : ""}. Files another job still uses are kept.
            </>
          }
          confirmLabel="Delete"
          onClose={() => actions.setConfirmingDelete(false)}
          onConfirm={actions.remove}
        />
      ) : null}
    </div>
  );
}
