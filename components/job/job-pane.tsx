"use client";

import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { JobRecord } from "@/lib/jobs/schema";
import { JobProgress } from "./job-progress";
import { ResultActions } from "./result-actions";

/** The right-hand side of a generator page: the job's progress, then its result with Share and Open job. */
export function JobPane({ job, onCancel, empty, children }: {
  job: JobRecord | null;
  onCancel: () => void;
  empty: { icon: ReactNode; title: string; text: string };
  children: (job: JobRecord) => ReactNode;
}) {
  if (!job) {
    return <EmptyState icon={empty.icon} title={empty.title} text={empty.text} className="min-h-80" />;
  }
  return (
    <div className="flex flex-col gap-4">
      <JobProgress job={job} onCancel={onCancel} />
      {job.status === "done" ? (
        <>
          {children(job)}
          <ResultActions job={job} key={job.id} />
        </>
      ) : null}
    </div>
  );
}
