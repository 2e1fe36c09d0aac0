import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import { BACKGROUND_ENDPOINTS, type BackgroundEndpointId, type BackgroundInput, type BackgroundOutput } from "./background";

/** The client's input type as it travels: a file field is a URL by then. */
type OnTheWire<T> = { [K in keyof T]: Blob extends NonNullable<T[K]> ? string : T[K] };
type Fal<Id extends BackgroundEndpointId> = EndpointTypeMap[Id];

describe("background wire schemas", () => {
  it("match @fal-ai/client's endpoint types field for field (checked by tsc)", () => {
    expectTypeOf<BackgroundInput<"fal-ai/birefnet/v2">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/birefnet/v2">["input"]>>();
    expectTypeOf<BackgroundInput<"fal-ai/birefnet">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/birefnet">["input"]>>();
    expectTypeOf<BackgroundInput<"fal-ai/bria/background/remove">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/bria/background/remove">["input"]>>();
    expectTypeOf<BackgroundInput<"fal-ai/imageutils/rembg">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/imageutils/rembg">["input"]>>();
    expectTypeOf<BackgroundInput<"fal-ai/bria/background/replace">>().toEqualTypeOf<OnTheWire<Fal<"fal-ai/bria/background/replace">["input"]>>();
    expectTypeOf<BackgroundOutput<"fal-ai/birefnet/v2">>().toEqualTypeOf<Fal<"fal-ai/birefnet/v2">["output"]>();
    expectTypeOf<BackgroundOutput<"fal-ai/birefnet">>().toEqualTypeOf<Fal<"fal-ai/birefnet">["output"]>();
    expectTypeOf<BackgroundOutput<"fal-ai/bria/background/remove">>().toEqualTypeOf<Fal<"fal-ai/bria/background/remove">["output"]>();
    expectTypeOf<BackgroundOutput<"fal-ai/imageutils/rembg">>().toEqualTypeOf<Fal<"fal-ai/imageutils/rembg">["output"]>();
    expectTypeOf<BackgroundOutput<"fal-ai/bria/background/replace">>().toEqualTypeOf<Fal<"fal-ai/bria/background/replace">["output"]>();
  });

  const schema = (id: BackgroundEndpointId, side: "input" | "output"): z.ZodMiniObject => BACKGROUND_ENDPOINTS.find((e) => e.id === id)![side];

  it("lists each endpoint once, with a label and its task", () => {
    expect(BACKGROUND_ENDPOINTS.map((e) => [e.id, e.task])).toEqual([
      ["fal-ai/birefnet/v2", "remove"],
      ["fal-ai/birefnet", "remove"],
      ["fal-ai/bria/background/remove", "remove"],
      ["fal-ai/imageutils/rembg", "remove"],
      ["fal-ai/bria/background/replace", "replace"],
    ]);
    expect(BACKGROUND_ENDPOINTS.filter((e) => !e.label.trim())).toEqual([]);
  });

  it.each([
    ["fal-ai/birefnet/v2", { image_url: "https://x/a.png", model: "Matting", operating_resolution: "2304x2304", mask_only: true }, true],
    ["fal-ai/birefnet", { image_url: "https://x/a.png", model: "Matting" }, false], // v1 has no Matting model
    ["fal-ai/birefnet", { image_url: "https://x/a.png", operating_resolution: "2304x2304" }, false],
    ["fal-ai/bria/background/remove", { image_url: "https://x/a.png", sync_mode: true }, true],
    ["fal-ai/bria/background/remove", {}, false],
    ["fal-ai/imageutils/rembg", { image_url: "https://x/a.png", crop_to_bbox: true }, true],
    ["fal-ai/bria/background/replace", { image_url: "https://x/a.png", prompt: "a beach", negative_prompt: "people", seed: 7, num_images: 2 }, true],
    ["fal-ai/bria/background/replace", { image_url: "https://x/a.png", num_images: 1.5 }, false],
  ] as const)("%s input %j → valid %s", (id, input, valid) => {
    expect(schema(id, "input").safeParse(input).success).toBe(valid);
  });

  it("reads each output shape: one image (with a mask for BiRefNet) or images with the seed", () => {
    const file = { url: "https://x/out.png", content_type: "image/png", width: 640, height: 480 };
    expect(schema("fal-ai/birefnet/v2", "output").parse({ image: file, mask_image: file })).toEqual({ image: file, mask_image: file });
    expect(schema("fal-ai/imageutils/rembg", "output").parse({ image: { ...file, file_data: "" } })).toEqual({ image: { ...file, file_data: "" } });
    expect(schema("fal-ai/bria/background/replace", "output").parse({ images: [file], seed: 3 })).toEqual({ images: [file], seed: 3 });
    expect(schema("fal-ai/bria/background/replace", "output").safeParse({ images: [file] }).success).toBe(false);
    expect(schema("fal-ai/bria/background/remove", "output").safeParse({ images: [file] }).success).toBe(false);
  });
});
