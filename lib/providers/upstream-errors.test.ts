import { ApiError } from "@fal-ai/client";
import { APIError } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { useStudioEnv } from "@/test/engine-harness";
import * as fal from "./fal";
import * as openai from "./openai";

/** A vendor that echoes the key back in its error must not get it into a job record, a log or an answer. */
describe("upstream errors never carry a key", () => {
  const FAL = "fal-key-id-1234:fal-secret-abcdef";
  const OPENAI = "sk-test-echoed-987654";
  beforeAll(async () => {
    await useStudioEnv({ FAL_KEY: FAL, OPENAI_API_KEY: OPENAI });
  });

  it("OpenAI: a refusal that quotes the key", () => {
    const err = APIError.generate(400, { error: { message: `Incorrect API key provided: ${OPENAI}.` } }, undefined, new Headers());
    const message = openai.toAppError(err).message;
    expect(message).toContain("Incorrect API key provided");
    expect(message).not.toContain(OPENAI);
  });

  it("fal: a 422 detail and a network error that quote the key", () => {
    const detail = fal.toAppError(new ApiError({ message: "x", status: 422, body: { detail: `bad Authorization: Key ${FAL}` } }), "submit the job").message;
    expect(detail).toContain("bad Authorization");
    expect(detail).not.toContain("fal-secret-abcdef");
    const network = fal.toAppError(new Error(`connect failed for Key fal-secret-abcdef`), "submit the job").message;
    expect(network).toContain("connect failed");
    expect(network).not.toContain("fal-secret-abcdef");
  });
});
