"use client";

import { useCallback, useState } from "react";
import { useLiveJob } from "./use-live-job";
import { ApiError, cancelJobRequest, createJob } from "@/lib/client/api";
import { isTerminal, type GenerationInputDraft } from "@/lib/jobs/schema";
import type { FieldErrors } from "@/lib/errors";

/**
 * One job at a time for a generator page: submit, follow its status until it ends, cancel.
 * Field errors from the server come back separately so the form can show them by the field.
 */
export function useJob() {
  const { job, setJob, pollError } = useLiveJob(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const start = useCallback(
    async (input: GenerationInputDraft) => {
      setSubmitting(true);
      setError(null);
      setFieldErrors({});
      try {
        const created = await createJob(input);
        setJob(created);
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
    [setJob],
  );

  const cancel = useCallback(async () => {
    if (!job) return;
    try {
      setJob(await cancelJobRequest(job.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not cancel the job.");
    }
  }, [job, setJob]);

  const busy = submitting || (job !== null && !isTerminal(job.status));
  return { job, start, cancel, submitting, busy, error: error ?? pollError, fieldErrors, setFieldErrors };
}
