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
const { POLL_MS, STREAM_RETRY_MS, watchJob } = await import("./job-watch");
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

/** EventSource as the browser has it, driven by the test: each instance records its URL and whether it was closed. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(public url: string) {
    FakeEventSource.opened.push(this);
  }
  get ids() {
    return new URL(this.url, "http://studio").searchParams.get("ids")!.split(",");
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  send(type: string, data: unknown = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}
const open = () => FakeEventSource.opened.filter((s) => !s.closed);

describe("the shared job watcher on the event stream", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeEventSource.opened = [];
  });

  it("follows every watched job over one stream, fetching none, and closes it when they have ended", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("EventSource", FakeEventSource);
    const a = vi.fn();
    const b = vi.fn();
    const stops = [watchJob("s1", a), watchJob("s2", b), watchJob("s2", vi.fn())];
    await flush();
    expect(open()).toHaveLength(1);
    expect(open()[0]!.url).toBe("/api/jobs/events?ids=s1,s2");
    const source = open()[0]!;
    source.send("job", record("s1", "running"));
    source.send("job", record("s2", "queued"));
    expect(a).toHaveBeenLastCalledWith({ type: "job", job: expect.objectContaining({ status: "running" }) });
    expect(b).toHaveBeenLastCalledWith({ type: "job", job: expect.objectContaining({ status: "queued" }) });
    for (let i = 0; i < 5; i++) await flush();
    expect(fetchJob).not.toHaveBeenCalled();
    source.send("job", record("s1", "done"));
    expect(source.closed).toBe(false);
    source.send("gone", { id: "s2" });
    expect(b).toHaveBeenLastCalledWith({ type: "gone" });
    expect(source.closed).toBe(true);
    stops.forEach((stop) => stop());
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it("opens one stream for all when a job joins, and closes it when the last view leaves", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("EventSource", FakeEventSource);
    const stopA = watchJob("s3", vi.fn());
    await flush();
    const stopB = watchJob("s4", vi.fn());
    await flush();
    expect(FakeEventSource.opened.map((s) => [s.ids, s.closed])).toEqual([[["s3"], true], [["s3", "s4"], false]]);
    stopA();
    expect(open()).toHaveLength(1);
    stopB();
    expect(open()).toHaveLength(0);
  });

  it("polls while the stream is down, and tries a stream again later", async () => {
    vi.useFakeTimers();
    fetchJob.mockImplementation(async (id) => record(id, "running"));
    vi.stubGlobal("EventSource", FakeEventSource);
    const seen = vi.fn();
    const stop = watchJob("s5", seen);
    await flush();
    open()[0]!.send("error");
    expect(open()).toHaveLength(0);
    await flush();
    await flush();
    expect(fetchJob).toHaveBeenCalledTimes(2);
    expect(seen).toHaveBeenLastCalledWith({ type: "job", job: expect.objectContaining({ status: "running" }) });
    await vi.advanceTimersByTimeAsync(STREAM_RETRY_MS);
    expect(open()).toHaveLength(1);
    const polled = fetchJob.mock.calls.length;
    await flush();
    await flush();
    expect(fetchJob).toHaveBeenCalledTimes(polled);
    stop();
  });
});
