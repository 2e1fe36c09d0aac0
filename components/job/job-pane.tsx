"use client";

import type { ReactNode } from "react";
import type { JobRecord } from "@/lib/jobs/schema";
import { JobProgress } from "./job-progress";
import { ResultActions } from "./result-actions";

/** One job on a generator page: its progress, then its result with Share and Open job. */
export function JobPane({ job, onCancel, children }: {
  job: JobRecord;
  onCancel: () => void;
  children: (job: JobRecord) => ReactNode;
}) {
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
