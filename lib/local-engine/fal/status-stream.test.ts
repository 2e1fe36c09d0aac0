import { beforeAll, describe, expect, it } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";

/** The real @fal-ai/client's queue.streamStatus against the local engine's `…/status/stream` route. */

const KEY = "status-stream-key";
type Status = { status: string; queue_position?: number; logs?: { message: string }[] | null };

beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY });
  // One worker and a latency that spreads the log lines ~50 ms apart.
  setKnobs({ latencyMs: 600, failureRate: 0, concurrency: 1 });
});

async function follow(requestId: string): Promise<Status[]> {
  const stream = await localFalClient(KEY).queue.streamStatus("fal-ai/flux/dev", { requestId, logs: true });
  const events: Status[] = [];
  stream.on("data", (e: unknown) => events.push(e as Status));
  await stream.done();
  return events;
}

describe("local engine: the status stream", () => {
  it("pushes every change as it happens (the queue position, the start, each log line, then COMPLETED), what happens in one go as one event, and closes", async () => {
    const fal = localFalClient(KEY);
    const input = { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, num_inference_steps: 8 };
    const first = await fal.queue.submit("fal-ai/flux/dev", { input });
    const second = await fal.queue.submit("fal-ai/flux/dev", { input });
    const [, events] = await Promise.all([follow(first.request_id), follow(second.request_id)]);

    const states = events.map((e) => e.status);
    expect(states[0]).toBe("IN_QUEUE");
    expect(events[0]!.queue_position).toBe(1);
    // It moves up when the first request starts: a position change is a change too.
    expect(events.some((e) => e.status === "IN_QUEUE" && e.queue_position === 0)).toBe(true);
    expect(states.at(-1)).toBe("COMPLETED");
    const running = events.filter((e) => e.status === "IN_PROGRESS").map((e) => e.logs?.length ?? 0);
    // Nine lines (loaded, 8 steps) ~50 ms apart: each sent on its own, not gathered by a timer.
    expect(running.length).toBeGreaterThanOrEqual(8);
    running.forEach((n, i) => expect(n).toBe(running[0]! + i));
    // The last step, "Done" and the end happen in one go: one event, not a whole status for each.
    expect(events.at(-1)!.logs).toHaveLength(running.at(-1)! + 2);
    expect(events.at(-1)!.logs!.map((l) => l.message)).toContain("Denoising step 8/8");
  });

  it("with no simulated latency sends a run's lines at once: the start, then the end with every line", async () => {
    // No worker until the stream is open, so the whole run is seen; the next submit starts it.
    setKnobs({ latencyMs: 0, concurrency: 0 });
    try {
      const fal = localFalClient(KEY);
      const input = { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, num_inference_steps: 8 };
      const { request_id } = await fal.queue.submit("fal-ai/flux/dev", { input });
      const stream = await fal.queue.streamStatus("fal-ai/flux/dev", { requestId: request_id, logs: true });
      const events: Status[] = [];
      const opened = new Promise<void>((resolve) => stream.on("data", (e: unknown) => (events.push(e as Status), resolve())));
      await opened;
      setKnobs({ concurrency: 1 });
      await fal.queue.submit("fal-ai/flux/dev", { input });
      await stream.done();
      expect(events.map((e) => [e.status, e.logs?.length ?? null])).toEqual([["IN_QUEUE", null], ["IN_PROGRESS", 1], ["COMPLETED", 10]]);
    } finally {
      setKnobs({ latencyMs: 600, concurrency: 1 });
    }
  });
});
