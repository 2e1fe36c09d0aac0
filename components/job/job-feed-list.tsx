"use client";

import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button, IconButton } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import type { JobFeedState } from "@/hooks/use-job-feed";
import type { JobRecord } from "@/lib/jobs/schema";
import { jobTitle } from "./describe";
import { JobPane } from "./job-pane";
import { RelativeTime } from "./relative-time";

/** The cards of a feed that has jobs (see ./job-feed.tsx, which loads this module when it does). */
export function JobFeedList({ feed, children }: { feed: JobFeedState; children: (job: JobRecord) => ReactNode }) {
  return (
    <section aria-label="Jobs on this page" data-testid="job-feed" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2 text-xs text-zinc-500">
        <span>{feed.items.length === 1 ? "1 job" : `${feed.items.length} jobs`} · kept here until you clear them</span>
        <Button variant="ghost" size="sm" onClick={feed.clear}>
          Clear feed
        </Button>
      </div>
      <ol className="flex flex-col gap-4">
        {feed.items.map(({ id, job, problem }) => (
          <li key={id} data-testid="job-card" data-job-id={id} className="flex flex-col gap-2 border-t border-zinc-800/70 pt-4 first:border-t-0 first:pt-0">
            <div className="flex items-center gap-2 text-xs text-zinc-400">
              <span className="min-w-0 flex-1 truncate" data-testid="job-card-title">{job ? jobTitle(job) : "Loading…"}</span>
              {job ? <RelativeTime iso={job.createdAt} className="shrink-0 text-zinc-500" /> : null}
              <IconButton label="Remove from feed" icon={<XIcon size={14} />} onClick={() => feed.dismiss(id)} />
            </div>
            {job ? (
              <JobPane job={job} onCancel={() => void feed.cancel(id)}>
                {children}
              </JobPane>
            ) : (
              <div className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4"><Spinner label="Loading the job…" /></div>
            )}
            {problem ? <ErrorAlert message={problem} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
