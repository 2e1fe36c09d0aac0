/** Browser-side calls for what a person does to a job from the history and the job page. */
import { z } from "zod";
import { ApiError, request } from "@/lib/client/api";
import { jobRecordSchema, type JobRecord, type JobStatus, type Task } from "@/lib/jobs/schema";

export async function rerunJob(id: string): Promise<JobRecord> {
  return jobRecordSchema.parse(await (await request(`/api/jobs/${encodeURIComponent(id)}/rerun`, { method: "POST" })).json());
}

/** Deletes a job; one that is already gone (404) counts as deleted. */
export async function deleteJobRequest(id: string): Promise<void> {
  try {
    await request(`/api/jobs/${encodeURIComponent(id)}`, { method: "DELETE" });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return;
    throw err;
  }
}

export async function setShared(id: string, shared: boolean): Promise<JobRecord> {
  const res = await request(`/api/jobs/${encodeURIComponent(id)}/share`, { method: shared ? "POST" : "DELETE" });
  return jobRecordSchema.parse(await res.json());
}

const pageSchema = z.object({ jobs: z.array(jobRecordSchema), nextCursor: z.string().nullable() });

export type HistoryFilters = { task?: Task; status?: JobStatus; q?: string };

export async function fetchHistoryPage(filters: HistoryFilters, cursor: string, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filters.task) params.set("task", filters.task);
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  params.set("cursor", cursor);
  params.set("limit", "24");
  const res = await request(`/api/jobs?${params}`, { signal, cache: "no-store" });
  return pageSchema.parse(await res.json());
}
