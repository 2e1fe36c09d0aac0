"use client";

import { useEffect, useState } from "react";
import type { JobSummary } from "@/components/job/describe";
import type { JobRecord } from "@/lib/jobs/schema";

let loading: Promise<typeof import("@/components/job/describe").summarize> | undefined;

/**
 * The task definitions (full zod) load on first use: for a job that changed in the browser or came
 * from the API. A page rendered on the server gets its jobs' summaries from it.
 */
export const loadSummarize = () => (loading ??= import("@/components/job/describe").then((m) => m.summarize));

/**
 * The summary of a live job: the server's (`summary`, of `initial`) until the job changes, then
 * one computed here. While the code for that loads (once, and usually already with the answer's
 * schema), the previous summary stays.
 */
export function useJobSummary(job: JobRecord, initial: JobRecord, summary: JobSummary): JobSummary {
  return useSummaryOf(job === initial ? undefined : job, summary);
}

/** The summary of `changed`, the job as it changed in the browser; `summary` (the server's) until there is one. */
export function useSummaryOf(changed: JobRecord | undefined, summary: JobSummary): JobSummary {
  const [current, setCurrent] = useState<{ job: JobRecord | undefined; summary: JobSummary }>({ job: undefined, summary });
  useEffect(() => {
    if (!changed || changed === current.job) return;
    let live = true;
    void loadSummarize().then((summarize) => {
      if (live) setCurrent({ job: changed, summary: summarize(changed) });
    });
    return () => {
      live = false;
    };
  }, [changed, current.job]);
  return current.summary;
}
