import type { CannyInput, CannyOutput, EndpointTypeMap } from "@fal-ai/client/endpoints";
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import { CONTROL_ENDPOINTS, type ControlEndpointId, type ControlInput, type ControlOutput } from "./control";

/** The client's input type as it travels: a file field is a URL by then. */
type OnTheWire<T> = { [K in keyof T]: Blob extends NonNullable<T[K]> ? string : T[K] };
type Fal<Id extends keyof EndpointTypeMap> = EndpointTypeMap[Id];

describe("control wire schemas", () => {
  it("match @fal-ai/client's endpoint types field for field (checked by tsc)", () => {
    expectTypeOf<ControlInput<"fal-ai/sdxl-controlnet-union">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/sdxl-controlnet-union">["input"]>>();
    expectTypeOf<ControlInput<"fal-ai/flux-control-lora-depth">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/flux-control-lora-depth">["input"]>>();
    expectTypeOf<ControlInput<"fal-ai/flux-control-lora-canny">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/flux-control-lora-canny">["input"]>>();
    expectTypeOf<ControlInput<"fal-ai/dwpose">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/dwpose">["input"]>>();
    expectTypeOf<ControlInput<"fal-ai/image-preprocessors/depth-anything/v2">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/image-preprocessors/depth-anything/v2">["input"]>>();
    // The client ships CannyInput/CannyOutput but leaves the endpoint out of its map.
    expectTypeOf<ControlInput<"fal-ai/image-preprocessors/canny">>().toEqualTypeOf<OnTheWire<CannyInput>>();
    expectTypeOf<ControlOutput<"fal-ai/sdxl-controlnet-union">>().toEqualTypeOf<Fal<"fal-ai/sdxl-controlnet-union">["output"]>();
    expectTypeOf<ControlOutput<"fal-ai/flux-control-lora-depth">>().toEqualTypeOf<Fal<"fal-ai/flux-control-lora-depth">["output"]>();
    expectTypeOf<ControlOutput<"fal-ai/flux-control-lora-canny">>().toEqualTypeOf<Fal<"fal-ai/flux-control-lora-canny">["output"]>();
    expectTypeOf<ControlOutput<"fal-ai/dwpose">>().toEqualTypeOf<Fal<"fal-ai/dwpose">["output"]>();
    expectTypeOf<ControlOutput<"fal-ai/image-preprocessors/depth-anything/v2">>().toEqualTypeOf<Fal<"fal-ai/image-preprocessors/depth-anything/v2">["output"]>();
    expectTypeOf<ControlOutput<"fal-ai/image-preprocessors/canny">>().toEqualTypeOf<CannyOutput>();
  });

  const schema = (id: ControlEndpointId, side: "input" | "output"): z.ZodMiniObject => CONTROL_ENDPOINTS.find((e) => e.id === id)![side];

  it("lists each endpoint once, with a label, its role and the kinds of map it takes", () => {
    expect(CONTROL_ENDPOINTS.map((e) => [e.id, e.role, e.controls])).toEqual([
      ["fal-ai/sdxl-controlnet-union", "image", ["pose", "depth", "edges"]],
      ["fal-ai/flux-control-lora-depth", "image", ["depth"]],
      ["fal-ai/flux-control-lora-canny", "image", ["edges"]],
      ["fal-ai/dwpose", "map", ["pose"]],
      ["fal-ai/image-preprocessors/depth-anything/v2", "map", ["depth"]],
      ["fal-ai/image-preprocessors/canny", "map", ["edges"]],
    ]);
    expect(CONTROL_ENDPOINTS.filter((e) => !e.label.trim())).toEqual([]);
  });

  it.each([
    ["fal-ai/flux-control-lora-depth", { prompt: "a", control_lora_image_url: "https://x/d.png", control_lora_strength: 0.8, preprocess_depth: false, image_size: "square_hd" }, true],
    ["fal-ai/flux-control-lora-depth", { prompt: "a" }, false], // the map is required
    ["fal-ai/flux-control-lora-canny", { prompt: "a", control_lora_image_url: "https://x/e.png", image_size: { width: 640 } }, true],
    ["fal-ai/flux-control-lora-canny", { prompt: "a", control_lora_image_url: "https://x/e.png", num_images: 1.5 }, false],
    ["fal-ai/sdxl-controlnet-union", { prompt: "a", openpose_image_url: "https://x/p.png", openpose_preprocess: false, controlnet_conditioning_scale: 0.5 }, true],
    ["fal-ai/sdxl-controlnet-union", { prompt: "a", format: "webp" }, false],
    ["fal-ai/dwpose", { image_url: "https://x/a.png", draw_mode: "body-pose" }, true],
    ["fal-ai/dwpose", { image_url: "https://x/a.png", draw_mode: "skeleton" }, false],
    ["fal-ai/image-preprocessors/depth-anything/v2", {}, false],
    ["fal-ai/image-preprocessors/canny", { image_url: "https://x/a.png", low_threshold: 50, high_threshold: 150 }, true],
  ] as const)("%s input %j → valid %s", (id, input, valid) => {
    expect(schema(id, "input").safeParse(input).success).toBe(valid);
  });

  it("reads the images with their seed from the generators, one image from the map makers", () => {
    const file = { url: "https://x/out.png", content_type: "image/png", width: 640, height: 480 };
    const images = { images: [file], seed: 3, prompt: "a", has_nsfw_concepts: [false], timings: {} };
    expect(schema("fal-ai/sdxl-controlnet-union", "output").parse(images)).toEqual(images);
    expect(schema("fal-ai/flux-control-lora-depth", "output").safeParse({ images: [file] }).success).toBe(false);
    expect(schema("fal-ai/image-preprocessors/canny", "output").parse({ image: file })).toEqual({ image: file });
    expect(schema("fal-ai/dwpose", "output").safeParse({ images: [file] }).success).toBe(false);
  });
});
