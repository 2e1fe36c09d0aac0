"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "@/lib/client/api-error";
import { loadApi } from "@/lib/client/load-api";
import { followJob } from "@/lib/client/follow-job";
import { FEED_CAP, readChecked, storedKey, withNewest, writeStored } from "@/lib/client/stored";
import { isTerminal } from "@/lib/jobs/statuses";
import type { GenerationInputDraft, JobRecord } from "@/lib/jobs/schema";
import type { FieldErrors } from "@/lib/errors";

export type FeedItem = { id: string; job: JobRecord | null; problem: string | null };

/**
 * A generator page's jobs as a feed, newest first: each submit adds a job on top while earlier ones
 * keep running. Only the ids are kept in the browser (per page); the records always come from the
 * server through the shared watcher, so after a reload running jobs are followed again, finished ones
 * show their results, and deleted ones drop out.
 */
export function useJobFeed(page: string) {
  const key = storedKey("feed", page);
  const [ids, setIds] = useState<string[]>([]);
  const [restored, setRestored] = useState(false);
  const [jobs, setJobs] = useState<Record<string, JobRecord>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  useEffect(() => {
    let live = true;
    // The ids' check loads only when a feed is stored; a failed load leaves the stored feed as it is.
    readChecked(key, (checks, stored) => checks.feedIdsFrom(stored)).then(
      (stored) => {
        if (!live) return;
        // Jobs added meanwhile (a submit, a stream's job) stay on top.
        if (stored) setIds((added) => [...added, ...stored.filter((id) => !added.includes(id))].slice(0, FEED_CAP));
        setRestored(true);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);

  // An empty feed is not kept: a page opened again with nothing to restore loads no checks.
  useEffect(() => {
    if (restored) writeStored(key, ids.length > 0 ? ids : undefined);
  }, [restored, key, ids]);

  const drop = useCallback((id: string) => setIds((list) => list.filter((x) => x !== id)), []);
  const put = useCallback((job: JobRecord) => setJobs((all) => ({ ...all, [job.id]: job })), []);

  // Every job not known to have ended is watched: unknown ones (just restored) are fetched once this way.
  const following = ids.filter((id) => !jobs[id] || !isTerminal(jobs[id].status)).join(" ");
  useEffect(() => {
    if (!following) return;
    const stops = following.split(" ").map((id) =>
      followJob(id, (event) => {
        if (event.type === "job") {
          put(event.job);
          setProblems(({ [id]: _, ...rest }) => rest);
        } else if (event.type === "gone") drop(id);
        else setProblems((all) => ({ ...all, [id]: event.message }));
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [following, put, drop]);

  const start = useCallback(
    async (input: GenerationInputDraft) => {
      setSubmitting(true);
      setError(null);
      setFieldErrors({});
      try {
        const created = await (await loadApi()).createJob(input);
        put(created);
        setIds((list) => withNewest(list, created.id));
        return created;
      } catch (err) {
        if (err instanceof ApiError) {
          setError(err.message);
          setFieldErrors(err.fields ?? {});
        } else setError("Could not start the job.");
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    [put],
  );

  const cancel = useCallback(
    async (id: string) => {
      try {
        put(await (await loadApi()).cancelJobRequest(id));
      } catch (err) {
        setProblems((all) => ({ ...all, [id]: err instanceof Error ? err.message : "Could not cancel the job." }));
      }
    },
    [put],
  );

  /** Puts a job started elsewhere (a streamed answer) on top of the feed. */
  const track = useCallback((id: string) => setIds((list) => withNewest(list, id)), []);

  const items = useMemo<FeedItem[]>(() => ids.map((id) => ({ id, job: jobs[id] ?? null, problem: problems[id] ?? null })), [ids, jobs, problems]);

  return {
    items,
    start,
    track,
    cancel,
    /** Takes a card off this page's feed; the job itself stays (History, its own page). */
    dismiss: drop,
    clear: useCallback(() => setIds([]), []),
    submitting,
    error,
    fieldErrors,
    setFieldErrors,
  };
}

export type JobFeedState = ReturnType<typeof useJobFeed>;
