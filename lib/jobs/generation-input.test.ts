import { beforeAll, describe, expect, it } from "vitest";
import { useStudioEnv } from "@/test/engine-harness";
import { parseGenerationInput } from "./generation-input";

/** A program that leaves sampling out gets the chosen model's defaults, as the forms would send. */
describe("parseGenerationInput", () => {
  beforeAll(() => useStudioEnv({}));

  it("gives FLUX schnell its own 4 steps, dev its 28", () => {
    const schnell = parseGenerationInput({ task: "image", prompt: "a fox", model: "fal-ai/flux/schnell" });
    const dev = parseGenerationInput({ task: "image", prompt: "a fox", model: "fal-ai/flux/dev" });
    expect(schnell.task === "image" && schnell.steps).toBe(4);
    expect(dev.task === "image" && dev.steps).toBe(28);
  });

  it("keeps what the caller gave", () => {
    const input = parseGenerationInput({ task: "image", prompt: "a fox", model: "fal-ai/flux/schnell", steps: 9, guidance: 2 });
    expect(input.task === "image" && [input.steps, input.guidance]).toEqual([9, 2]);
  });

  it("gives image-to-image its own strength and steps", () => {
    const input = parseGenerationInput({ task: "image", prompt: "a fox", sourceImage: `/api/media/${"a".repeat(64)}.png` });
    expect(input.task === "image" && [input.steps, input.strength]).toEqual([40, 0.95]);
  });

  it("refuses bad input with zod's field errors", () => {
    expect(() => parseGenerationInput({ task: "image", prompt: "" })).toThrow(/Describe what you want/);
  });
});
