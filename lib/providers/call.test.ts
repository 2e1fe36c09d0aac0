import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { abortRegistrations } from "@/test/abort-registrations";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { callEndpoint } from "./call";

/** callEndpoint against the local engine, following each request on its status stream. */

beforeAll(async () => {
  vi.stubGlobal("fetch", engineFetch);
  await useStudioEnv({ FAL_KEY: "call-key", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0" });
  setKnobs({ latencyMs: 20, failureRate: 0, concurrency: 2 });
});
afterAll(() => vi.unstubAllGlobals());

describe("callEndpoint", () => {
  it("leaves nothing on the caller's long-lived signal (the runner's shutdown signal) once a call is over", async () => {
    const longLived = new AbortController();
    const input = { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, num_inference_steps: 1 };
    for (let i = 0; i < 5; i++) {
      const out = await callEndpoint("flux-text-to-image", "fal-ai/flux/schnell", input, {}, { signal: longLived.signal, pollMs: 60_000 });
      expect(out.images).toHaveLength(1);
    }
    expect(abortRegistrations(longLived.signal)).toBe(0);
  });
});
