"use client";

import { useEffect, useState } from "react";
import { followJob } from "@/lib/client/follow-job";
import { isTerminal } from "@/lib/jobs/statuses";
import type { JobRecord } from "@/lib/jobs/schema";

/**
 * A job kept current by the shared watcher until it finishes; one deleted meanwhile is reported as
 * gone. `initial` may be the record or any view of it that has its id and status (a History card).
 */
export function useLiveJob<J extends Pick<JobRecord, "id" | "status"> | null>(initial: J) {
  const [job, setJob] = useState<JobRecord | J>(initial);
  const [gone, setGone] = useState(false);
  const [pollError, setPollError] = useState<string | null>(null);
  const following = job && !isTerminal(job.status) ? job.id : null;

  useEffect(() => {
    if (!following) return;
    return followJob(following, (event) => {
      if (event.type === "job") {
        setPollError(null);
        setJob(event.job);
      } else if (event.type === "gone") setGone(true);
      else setPollError(event.message);
    });
  }, [following]);

  return { job, setJob, gone, pollError };
}
