import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { useStudioEnv } from "@/test/engine-harness";
import { resetEnvCache } from "@/lib/env";
import { pageHealth } from "./health";

beforeAll(async () => {
  await useStudioEnv({});
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterAll(() => vi.useRealTimers());

it("pages share one health check for 3 s, then see a fresh one (a disk that filled up meanwhile)", async () => {
  const first = pageHealth();
  expect((await first).disk.ok).toBe(true);
  process.env.STUDIO_MIN_FREE_MB = "1000000";
  resetEnvCache();
  vi.advanceTimersByTime(2_900);
  expect(pageHealth()).toBe(first);
  vi.advanceTimersByTime(100);
  const fresh = await pageHealth();
  expect(fresh.disk).toMatchObject({ ok: false, error: expect.stringMatching(/STUDIO_MIN_FREE_MB/) });
});
