"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, cancelJobRequest, createJob, fetchJob } from "@/lib/client/api";
import { isTerminal, type GenerationInputDraft, type JobRecord } from "@/lib/jobs/schema";
import type { FieldErrors } from "@/lib/errors";

const POLL_MS = 600;

/**
 * One job at a time for a generator page: submit, follow its status until it ends, cancel.
 * Field errors from the server come back separately so the form can show them by the field.
 */
export function useJob() {
  const [job, setJob] = useState<JobRecord | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const poll = useRef<AbortController | null>(null);

  const follow = useCallback(async (id: string) => {
    poll.current?.abort();
    const controller = new AbortController();
    poll.current = controller;
    while (!controller.signal.aborted) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (controller.signal.aborted) return;
      try {
        const next = await fetchJob(id, controller.signal);
        if (controller.signal.aborted) return;
        setJob(next);
        if (isTerminal(next.status)) return;
      } catch (err) {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err.message : "Lost track of the job.");
        return;
      }
    }
  }, []);

  useEffect(() => () => poll.current?.abort(), []);

  const start = useCallback(
    async (input: GenerationInputDraft) => {
      setSubmitting(true);
      setError(null);
      setFieldErrors({});
      try {
        const created = await createJob(input);
        setJob(created);
        void follow(created.id);
        return created;
      } catch (err) {
        if (err instanceof ApiError) {
          setError(err.message);
          setFieldErrors(err.fields ?? {});
        } else {
          setError("Could not start the job.");
        }
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    [follow],
  );

  const cancel = useCallback(async () => {
    if (!job) return;
    try {
      const cancelled = await cancelJobRequest(job.id);
      poll.current?.abort();
      setJob(cancelled);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not cancel the job.");
    }
  }, [job]);

  const busy = submitting || (job !== null && !isTerminal(job.status));
  return { job, start, cancel, submitting, busy, error, fieldErrors, setFieldErrors };
}
