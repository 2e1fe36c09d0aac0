import { afterEach, describe, expect, it, vi } from "vitest";

const watchJob = vi.fn<(id: string, listener: unknown) => () => void>();
vi.mock("./job-watch", () => ({ watchJob: (id: string, listener: unknown) => watchJob(id, listener) }));
const { followJob } = await import("./follow-job");

const loaded = () => import("./job-watch");

afterEach(() => watchJob.mockReset());

describe("following a job through the watcher loaded on first use", () => {
  it("watches once the watcher has loaded, and stops watching when stopped", async () => {
    const unwatch = vi.fn();
    watchJob.mockReturnValue(unwatch);
    const listener = vi.fn();
    const stop = followJob("j1", listener);
    await loaded();
    await Promise.resolve();
    expect(watchJob).toHaveBeenCalledWith("j1", listener);
    stop();
    expect(unwatch).toHaveBeenCalledTimes(1);
  });

  it("never starts watching a job stopped before the watcher loaded", async () => {
    watchJob.mockReturnValue(vi.fn());
    const stop = followJob("j2", vi.fn());
    stop();
    await loaded();
    await Promise.resolve();
    expect(watchJob).not.toHaveBeenCalled();
  });
});
