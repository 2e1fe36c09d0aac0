"use client";

import type { ReactNode } from "react";
import type { JobFeedState } from "@/hooks/use-job-feed";
import type { JobRecord } from "@/lib/jobs/schema";
import { lazyView } from "@/lib/client/lazy-view";

// The cards (progress, results, the task descriptions behind their titles) load once there is a job
// to show: a page opens with an empty feed, and the feed fills from the browser's storage after that.
// lazyView gives it its own Suspense boundary, so the form beside it keeps its state while it loads.
const JobFeedList = lazyView(() => import("./job-feed-list").then((m) => m.JobFeedList));

/**
 * A generator page's jobs, newest first: each card its own progress, Cancel and results. A card can
 * be taken off the feed, or the whole feed cleared; the jobs themselves stay in History.
 */
export function JobFeed({ feed, empty, children }: {
  feed: JobFeedState;
  /** Shown while the feed is empty (a FeedEmpty from the page); none where the page shows something else there (an editor). */
  empty?: ReactNode;
  children: (job: JobRecord) => ReactNode;
}) {
  if (feed.items.length === 0) {
    return empty ?? null;
  }
  return <JobFeedList feed={feed}>{children}</JobFeedList>;
}
