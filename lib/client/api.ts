import type { GenerationInputDraft, JobRecord, StatusFilter, Task } from "@/lib/jobs/schema";

/** Browser-side calls to the studio's API; every failure becomes an ApiError with the server's message. */
import { ApiError } from "./api-error";

/** The answers' schemas load with the first answer read, not with the page (see ./responses). */
const responses = () => import("./responses");

async function readRecord(res: Response): Promise<JobRecord> {
  const [{ jobRecordSchema }, body] = await Promise.all([responses(), res.json()]);
  return jobRecordSchema.parse(body);
}

export { ApiError };

async function toApiError(res: Response): Promise<ApiError> {
  const [{ errorBodySchema }, json] = await Promise.all([responses(), res.json().catch(() => undefined)]);
  const body = errorBodySchema.safeParse(json);
  if (body.success) return new ApiError(res.status, body.data.error.message, body.data.error.code, body.data.error.fields);
  return new ApiError(res.status, `The server answered ${res.status} ${res.statusText}`.trim());
}

export async function request(url: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, "Could not reach the studio server. Check that it is running.");
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

const jsonInit = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export async function createJob(input: GenerationInputDraft): Promise<JobRecord> {
  return readRecord(await request("/api/jobs", jsonInit(input)));
}

export async function fetchJob(id: string, signal?: AbortSignal): Promise<JobRecord> {
  return readRecord(await request(`/api/jobs/${id}`, { signal, cache: "no-store" }));
}

export async function cancelJobRequest(id: string): Promise<JobRecord> {
  return readRecord(await request(`/api/jobs/${id}/cancel`, { method: "POST" }));
}

export type Uploaded = { url: string; contentType: string; bytes: number; width?: number; height?: number };

export async function uploadFile(file: Blob, kind: "image" | "audio"): Promise<Uploaded> {
  const res = await request(`/api/uploads?kind=${kind}`, {
    method: "POST",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  return (await res.json()) as Uploaded;
}

export { jsonInit };

// ---- History and the job page ----

export async function rerunJob(id: string): Promise<JobRecord> {
  return readRecord(await request(`/api/jobs/${encodeURIComponent(id)}/rerun`, { method: "POST" }));
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
  return readRecord(await request(`/api/jobs/${encodeURIComponent(id)}/share`, { method: shared ? "POST" : "DELETE" }));
}

export type HistoryFilters = { task?: Task; status?: StatusFilter; q?: string };

export async function fetchHistoryPage(filters: HistoryFilters, cursor: string, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (filters.task) params.set("task", filters.task);
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  params.set("cursor", cursor);
  params.set("limit", "24");
  const res = await request(`/api/jobs?${params}`, { signal, cache: "no-store" });
  const [{ historyPageSchema }, body] = await Promise.all([responses(), res.json()]);
  return historyPageSchema.parse(body);
}
