import { expect, it } from "vitest";
import { z } from "zod";
import { toErrorResponse } from "./errors";

it("a ZodError from the full library (errors.ts knows only zod's base class) answers 422 with its fields", async () => {
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
