import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { JobRecord, JobStatus } from "../../lib/jobs/schema";

export type { JobRecord, JobStatus };

/** The error shape every API route answers with (lib/errors.ts). */
export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export const TERMINAL: readonly JobStatus[] = ["done", "failed", "cancelled"];

/** Thin client for the studio's JSON API, on Playwright's request context (same baseURL as the pages). */
export class StudioApi {
  constructor(readonly request: APIRequestContext) {}

  createJob(input: Record<string, unknown>): Promise<APIResponse> {
    return this.request.post("/api/jobs", { data: input });
  }

  async startJob(input: Record<string, unknown>): Promise<JobRecord> {
    const res = await this.createJob(input);
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as JobRecord;
  }

  async job(id: string): Promise<JobRecord> {
    const res = await this.request.get(`/api/jobs/${id}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as JobRecord;
  }

  /** Polls the job record until `until` holds; returns that record. */
  async waitForJob(id: string, until: (job: JobRecord) => boolean, timeout = 45_000): Promise<JobRecord> {
    let last: JobRecord | undefined;
    await expect
      .poll(
        async () => {
          last = await this.job(id);
          return until(last);
        },
        { timeout, intervals: [100, 250, 500] },
      )
      .toBe(true);
    return last!;
  }

  waitForStatus(id: string, status: JobStatus, timeout?: number): Promise<JobRecord> {
    return this.waitForJob(id, (j) => j.status === status || TERMINAL.includes(j.status), timeout).then((job) => {
      expect(job.status, job.error?.message ?? "").toBe(status);
      return job;
    });
  }

  cancel(id: string): Promise<APIResponse> {
    return this.request.post(`/api/jobs/${id}/cancel`);
  }

  /** Body bytes of a URL the page shows (media, downloads), asserting it answers 200. */
  async bytes(url: string): Promise<Buffer> {
    const res = await this.request.get(url);
    expect(res.status(), `GET ${url}`).toBe(200);
    return res.body();
  }
}
