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

it("a route bundle's own copy of this module shares the process's check, which the start-up begins for the first page", async () => {
  const check = pageHealth();
  vi.resetModules();
  const otherBundle = await import("./health");
  expect(otherBundle).not.toHaveProperty("pageHealth", pageHealth);
  expect(otherBundle.pageHealth()).toBe(check);
});
