"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { loadApi } from "@/lib/client/load-api";
import type { JobRecord } from "@/lib/jobs/schema";

/**
 * Re-run, cancel and delete of one job, for every place that offers them (its page, its History
 * card). Re-run opens the new job's page; cancel hands over the cancelled record (`onChange`);
 * delete is `remove`, for a confirm dialog's onConfirm (which shows its error), then `onDeleted`.
 */
export function useJobActions(id: string, { onChange, onDeleted }: { onChange: (job: JobRecord) => void; onDeleted: () => void }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"rerun" | "cancel" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const rerun = async () => {
    setBusy("rerun");
    setError(null);
    try {
      const created = await (await loadApi()).rerunJob(id);
      // Busy until the new page replaces this one.
      router.push(`/jobs/${created.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not start the job again.");
      setBusy(null);
    }
  };

  const cancel = async () => {
    setBusy("cancel");
    setError(null);
    try {
      onChange(await (await loadApi()).cancelJobRequest(id));
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not cancel the job.");
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    await (await loadApi()).deleteJobRequest(id);
    onDeleted();
  };

  return { busy, error, rerun, cancel, remove, confirmingDelete, setConfirmingDelete };
}
