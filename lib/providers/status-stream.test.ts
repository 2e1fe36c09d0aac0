import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { openStatusStream, submit, type QueueStatus } from "./fal";

/** The fal door's status stream reader, against the local engine's stream. */

beforeAll(async () => {
  vi.stubGlobal("fetch", engineFetch);
  await useStudioEnv({ FAL_KEY: "door-key", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0" });
  // One worker, ~80 ms a request: the queue moves about twelve times a second.
  setKnobs({ latencyMs: 80, failureRate: 0, concurrency: 1 });
});
afterAll(() => vi.unstubAllGlobals());

describe("openStatusStream", () => {
  it("tells a new queue position alone at most twice a second, everything else at once, and ends after COMPLETED", async () => {
    const endpointId = "fal-ai/flux/schnell";
    const input = { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, num_inference_steps: 1 };
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await submit({ endpointId, input })).requestId);
    const stream = await openStatusStream({ endpointId, requestId: ids.at(-1)! });
    const told: (QueueStatus & { ms: number })[] = [];
    const started = Date.now();
    for (;;) {
      const next = await stream.next(10_000);
      if (next === "ended" || next === "quiet") break;
      told.push({ ...next, ms: Date.now() - started });
      if (next.status === "completed") break;
    }
    stream.close();
    const queued = told.filter((s) => s.status === "queued");
    expect(queued[0]!.queuePosition).toBeGreaterThanOrEqual(9);
    expect(queued.length).toBeGreaterThanOrEqual(2);
    // Eleven moves, told at most every 500 ms: fewer than the moves, however slow the machine.
    expect(queued.length).toBeLessThan(12);
    for (let i = 1; i < queued.length; i++) expect(queued[i]!.ms - queued[i - 1]!.ms).toBeGreaterThanOrEqual(450);
    expect(told.some((s) => s.status === "running")).toBe(true);
    expect(told.at(-1)).toMatchObject({ status: "completed" });
    expect(told.at(-1)!.logs.map((l) => l.message)).toContain("Done");
  });
});
