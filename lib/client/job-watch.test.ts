import { afterEach, describe, expect, it, vi } from "vitest";
import { newRecord } from "@/lib/jobs/record";
import type { JobRecord } from "@/lib/jobs/schema";

const fetchJob = vi.fn<(id: string) => Promise<JobRecord>>();
vi.mock("@/lib/client/api", () => ({
  fetchJob: (id: string) => fetchJob(id),
  ApiError: class ApiError extends Error {
    constructor(public status: number) {
      super(`HTTP ${status}`);
    }
  },
}));
const { POLL_MS, watchJob } = await import("./job-watch");
const { ApiError } = await import("@/lib/client/api");

const record = (id: string, status: JobRecord["status"]) => ({ ...newRecord({ id, task: "prompts", endpointId: "x/y", engine: "local", input: { idea: "abc", target: "image", count: 1 } }), status });
const flush = () => vi.advanceTimersByTimeAsync(POLL_MS);

afterEach(() => {
  vi.useRealTimers();
  fetchJob.mockReset();
});

describe("the shared job poller", () => {
  it("fetches a job once per tick however many views watch it, and stops when it finishes", async () => {
    vi.useFakeTimers();
    let status: JobRecord["status"] = "running";
    fetchJob.mockImplementation(async (id) => record(id, status));
    const a = vi.fn();
    const b = vi.fn();
    const stopA = watchJob("j1", a);
    const stopB = watchJob("j1", b);
    await flush();
    expect(fetchJob).toHaveBeenCalledTimes(1);
    expect(a).toHaveBeenCalledWith({ type: "job", job: expect.objectContaining({ status: "running" }) });
    expect(b).toHaveBeenCalledTimes(1);
    status = "done";
    await flush();
    await flush();
    await flush();
    expect(fetchJob).toHaveBeenCalledTimes(2);
    expect(a).toHaveBeenLastCalledWith({ type: "job", job: expect.objectContaining({ status: "done" }) });
    stopA();
    stopB();
  });

  it("stops asking once nobody watches", async () => {
    vi.useFakeTimers();
    fetchJob.mockImplementation(async (id) => record(id, "queued"));
    const stop = watchJob("j2", () => undefined);
    await flush();
    stop();
    await flush();
    await flush();
    expect(fetchJob).toHaveBeenCalledTimes(1);
  });

  it("reports a deleted job as gone, and backs off while the server fails", async () => {
    vi.useFakeTimers();
    fetchJob.mockRejectedValueOnce(new Error("offline")).mockRejectedValueOnce(new Error("offline")).mockRejectedValue(new (ApiError as unknown as new (status: number) => Error)(404));
    const events: string[] = [];
    watchJob("j3", (e) => events.push(e.type));
    for (let i = 0; i < 12; i++) await flush();
    // 1st failure waits 1 tick, 2nd waits 3: far fewer than 12 fetches, and none after it was gone.
    expect(events).toEqual(["error", "error", "gone"]);
    expect(fetchJob).toHaveBeenCalledTimes(3);
  });
});
