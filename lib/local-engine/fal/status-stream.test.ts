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
  it("pushes every change as it happens: the queue position, the start, each log line, then COMPLETED, and closes", async () => {
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
    // Ten lines (loaded, 8 steps, done) ~50 ms apart: each sent on its own, not gathered by a timer.
    expect(running.length).toBeGreaterThanOrEqual(9);
    running.forEach((n, i) => expect(n).toBe(running[0]! + i));
    expect(events.at(-1)!.logs!.map((l) => l.message)).toContain("Denoising step 8/8");
  });
});
