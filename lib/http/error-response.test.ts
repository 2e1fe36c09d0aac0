import { expect, it, vi } from "vitest";
import { z } from "zod";
import { toErrorResponse } from "./error-response";

it("a ZodError from the full library (the wrapper knows only zod's base class) answers 422 with its fields", async () => {
  let thrown: unknown;
  try {
    z.object({ width: z.number() }).parse({ width: "wide" });
  } catch (err) {
    thrown = err;
  }
  const res = toErrorResponse(thrown);
  expect(res.status).toBe(422);
  expect(await res.json()).toMatchObject({ error: { code: "validation", fields: { width: expect.stringMatching(/expected number/) } } });
});

it("logs an unexpected error with the configured secrets masked, and answers 500 without its message", async () => {
  vi.stubEnv("FAL_KEY", "fal-key-id:fal-key-secret-123");
  vi.stubEnv("DATABASE_URL", "postgres://studio:db-pass-456@db.internal:5432/studio");
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const res = toErrorResponse(new Error("upstream said: bad key fal-key-id:fal-key-secret-123; connect db.internal password=db-pass-456"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/fal-key|db-pass|db\.internal/);
    const line = logged.mock.calls.flat().join(" ");
    expect(line).toContain("upstream said: bad key [redacted]");
    expect(line).not.toMatch(/fal-key-secret-123|db-pass-456/);
  } finally {
    logged.mockRestore();
    vi.unstubAllEnvs();
  }
});
