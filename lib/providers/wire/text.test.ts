import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import { describe, expect, expectTypeOf, it } from "vitest";
import { routerInput, routerOutput, type RouterInput, type RouterOutput } from "./text";

type Fal = EndpointTypeMap["openrouter/router"];

describe("openrouter/router wire schemas", () => {
  it("match @fal-ai/client's endpoint types field for field (checked by tsc)", () => {
    expectTypeOf<RouterInput>().toEqualTypeOf<Fal["input"]>();
    expectTypeOf<RouterOutput>().toEqualTypeOf<Fal["output"]>();
  });

  it.each([
    [{ model: "google/gemini-2.5-flash", prompt: "hi" }, true],
    [{ model: "x/y", prompt: "hi", system_prompt: "be brief", max_tokens: 64, temperature: 0.2, reasoning: true }, true],
    [{ model: "x/y", prompt: "" }, false],
    [{ prompt: "hi" }, false],
    [{ model: "x/y", prompt: "hi", max_tokens: 0 }, false],
    [{ model: "x/y", prompt: "hi", temperature: 3 }, false],
  ] as const)("input %j → valid %s", (input, valid) => {
    expect(routerInput.safeParse(input).success).toBe(valid);
  });

  it("reads a partial event and a final one with usage", () => {
    expect(routerOutput.parse({ output: "Hel", partial: true })).toEqual({ output: "Hel", partial: true });
    const usage = { input_tokens: 3, output_tokens: 5, decode_time_ms: 1, prefill_time_ms: 1, ttft_ms: 1 };
    expect(routerOutput.parse({ output: "Hello", reasoning: "r", usage })).toMatchObject({ usage });
    expect(routerOutput.safeParse({ partial: true }).success).toBe(false);
  });
});
