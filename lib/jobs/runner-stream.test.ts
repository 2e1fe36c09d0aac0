import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { getJob } from "./repository";
import { startGeneration } from "./runner";
import { isTerminal, type JobRecord } from "./schema";

/**
 * The runner follows the engine's status stream, each change as the queue makes it, and falls back
 * to status checks when the stream is refused or cut. Polling is set to a minute here, so a job
 * that finishes in time was finished by the stream, or by checks only after the stream failed.
 */

/** How the stream is served: as the engine sends it, refused, or cut after its first event. */
let serve: "as-is" | "refused" | "cut" = "as-is";
const calls = { stream: 0, status: 0 };

beforeAll(async () => {
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname;
    if (path.endsWith("/status/stream")) {
      calls.stream++;
      if (serve === "refused") return Response.json({ detail: "Not found" }, { status: 404 });
      const res = await engineFetch(req);
      if (serve === "as-is") return res;
      // The connection drops after the first event (a proxy, a restart on the other side).
      const reader = res.body!.getReader();
      const first = await reader.read();
      await reader.cancel();
      return new Response(new ReadableStream({ start: (c) => (c.enqueue(first.value), c.error(new TypeError("terminated"))) }), { headers: res.headers });
    }
    if (path.endsWith("/status")) calls.status++;
    return engineFetch(req);
  });
  await useStudioEnv({ FAL_KEY: "stream-key", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0", STUDIO_FAL_POLL_MS: "60000" });
  setKnobs({ latencyMs: 300, failureRate: 0, concurrency: 2 });
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  serve = "as-is";
  calls.stream = calls.status = 0;
});

const image = { task: "image" as const, prompt: "a lighthouse", imageSize: { width: 64, height: 64 }, steps: 4, guidance: 3, numImages: 1, seed: 3, strength: 0.85 };

async function settle(id: string, ms: number): Promise<JobRecord> {
  const end = Date.now() + ms;
  for (;;) {
    const job = (await getJob(id))!;
    if (isTerminal(job.status) || Date.now() > end) return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the runner on a status stream", () => {
  it("finishes as soon as the stream says COMPLETED, with the logs it sent, and never polls", async () => {
    const job = await startGeneration(image);
    const done = await settle(job.id, 15_000);
    expect(done.status, "done well before the one-minute poll").toBe("done");
    expect(done.timeline.map((t) => t.status)).toEqual(["queued", "running", "done"]);
    expect(done.logs.map((l) => l.message)).toEqual(expect.arrayContaining(["Model loaded on the local engine", "Denoising step 4/4", "Done"]));
    // The stream's push, not a status check, ended the wait.
    expect(calls).toEqual({ stream: 1, status: 0 });
  });

  it("checks the status instead when the endpoint has no stream", async () => {
    serve = "refused";
    const done = await settle((await startGeneration(image)).id, 1_000);
    // One check right after the refusal; the next would come a minute later.
    expect(calls.status).toBe(1);
    expect(done.status).toBe("queued");
  });

  it("polls on when the stream is cut before COMPLETED, and the job still finishes", async () => {
    await useStudioEnv({ FAL_KEY: "stream-key", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0", STUDIO_FAL_POLL_MS: "50" });
    serve = "cut";
    const done = await settle((await startGeneration(image)).id, 15_000);
    expect(done.status).toBe("done");
    expect(calls.stream).toBe(1);
    expect(calls.status).toBeGreaterThan(1);
    expect(done.logs.map((l) => l.message)).toContain("Done");
  });
});
