import { beforeEach, describe, expect, it, vi } from "vitest";
import { falDoor } from "@/test/fal-door";
import { resetEnvCache } from "@/lib/env";
import { fieldErrors } from "@/lib/errors";
import { FAMILIES, KNOWN_ENDPOINTS, type Family } from "@/lib/providers/catalog";
import { allowedEndpoints, controlModelsFor } from "@/lib/providers/models";
import { generationInputSchema } from "@/lib/jobs/schema";
import { controlInputSchema, sizeForMap } from "@/lib/tasks/control/definition";
import { queueTask } from "@/lib/tasks/server";
import { controlImage, controlMap } from "./index";
import * as z from "zod/mini";

/**
 * The control task through its provider functions, fal's door replaced by a recorder (as in
 * providers.test.ts): each endpoint gets exactly its family's fields, answers come back in app shapes.
 */

vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
const { sent } = falDoor;
// The map's stored size, as the media store would answer it.
vi.mock("@/lib/media/store", () => ({ locateMedia: async () => ({ url: MAP, contentType: "image/png", bytes: 10, width: 600, height: 800 }) }));

const MAP = `/api/media/${"c".repeat(64)}.png`;
const STUDIO_FILE = "https://studio.test/map.png";
const IMAGES = { images: [{ url: "https://x/1.png", content_type: "image/png", width: 888, height: 1184 }], seed: 11, prompt: "p", has_nsfw_concepts: [false], timings: {} };
const SAMPLE = { task: "control", kind: "pose", map: MAP, prompt: "a dancer on a pier", negativePrompt: "blurry", strength: 0.7, steps: 30, guidance: 6, seed: 11, numImages: 2 } as const;

async function runTask(overrides: Record<string, unknown> = {}) {
  const input = generationInputSchema.parse({ ...SAMPLE, ...overrides });
  const task = queueTask(input.task);
  const prepared = task.prepare(input);
  falDoor.answer = IMAGES;
  sent.length = 0;
  const out = await task.run(input, { seed: prepared.seed, file: () => STUDIO_FILE, call: { endpointId: prepared.endpointId, pollMs: 1 } });
  expect(sent).toHaveLength(1);
  return { prepared, out, request: sent[0]! };
}

const CONTROL = KNOWN_ENDPOINTS.filter((e) => FAMILIES[e.family].kind === "control");
const GENERATORS = CONTROL.filter((e) => FAMILIES[e.family].mode === "control-image");
const MAKERS = CONTROL.filter((e) => FAMILIES[e.family].mode === "control-map");
const kindsOf = (family: Family) => (FAMILIES[family] as { controls?: readonly string[] }).controls ?? [];

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k === "STUDIO_ENGINE") delete process.env[k];
  resetEnvCache();
});

describe("control provider functions", () => {
  it("know fal's three control generators and three map makers", () => {
    expect(GENERATORS.map((e) => e.id)).toEqual(["fal-ai/sdxl-controlnet-union", "fal-ai/flux-control-lora-depth", "fal-ai/flux-control-lora-canny"]);
    expect(MAKERS.map((e) => e.id)).toEqual(["fal-ai/dwpose", "fal-ai/image-preprocessors/depth-anything/v2", "fal-ai/image-preprocessors/canny"]);
  });

  it.each(GENERATORS.flatMap((e) => kindsOf(e.family).map((kind) => [e.id, kind, e.family] as const)))("send %s (%s map) exactly the fields its family takes", async (id, kind, family: Family) => {
    const { request } = await runTask({ model: id, kind });
    expect(request.endpointId).toBe(id);
    const parsed = z.strictObject(FAMILIES[family].input.shape).safeParse(request.input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("send SDXL ControlNet Union the map in its kind's field, never to be preprocessed again, with the negative prompt and conditioning scale", async () => {
    const common = { prompt: "a dancer on a pier", negative_prompt: "blurry", controlnet_conditioning_scale: 0.7, num_inference_steps: 30, guidance_scale: 6, seed: 11, num_images: 2, enable_safety_checker: true, format: "png" };
    // No size chosen: the map's aspect (600×800 stored) at about a megapixel.
    const image_size = sizeForMap(600, 800);
    expect((await runTask({ kind: "pose" })).request.input).toEqual({ ...common, image_size, openpose_image_url: STUDIO_FILE, openpose_preprocess: false });
    expect((await runTask({ kind: "depth", model: "fal-ai/sdxl-controlnet-union" })).request.input).toEqual({ ...common, image_size, depth_image_url: STUDIO_FILE, depth_preprocess: false });
    expect((await runTask({ kind: "edges", model: "fal-ai/sdxl-controlnet-union", imageSize: "square_hd" })).request.input).toEqual({ ...common, image_size: "square_hd", canny_image_url: STUDIO_FILE, canny_preprocess: false });
  });

  it("send a FLUX control LoRA the map as control_lora_image_url with its strength, preprocess_depth off, and no negative prompt", async () => {
    const { request, prepared, out } = await runTask({ kind: "depth", model: undefined });
    expect(prepared).toMatchObject({ endpointId: "fal-ai/flux-control-lora-depth", family: "flux-control-lora-depth", seed: 11, media: [{ url: MAP, field: "map", kind: "image", minSide: 64 }] });
    expect(request.input).toEqual({
      prompt: "a dancer on a pier", control_lora_image_url: STUDIO_FILE, control_lora_strength: 0.7, preprocess_depth: false, image_size: { width: 888, height: 1184 },
      num_inference_steps: 30, guidance_scale: 6, seed: 11, num_images: 2, enable_safety_checker: true, output_format: "png",
    });
    expect(out).toEqual({ files: [{ kind: "image", file: { url: "https://x/1.png", contentType: "image/png", width: 888, height: 1184 } }], seed: 11 });
    expect((await runTask({ kind: "edges" })).request.endpointId).toBe("fal-ai/flux-control-lora-canny");
  });

  it("derive a map with each kind's map maker, sending only the image (DWPose told to draw the body)", async () => {
    falDoor.answer = { image: { url: "https://x/map.png", width: 640, height: 480 } };
    for (const [kind, id, input] of [
      ["pose", "fal-ai/dwpose", { image_url: STUDIO_FILE, draw_mode: "body-pose" }],
      ["depth", "fal-ai/image-preprocessors/depth-anything/v2", { image_url: STUDIO_FILE }],
      ["edges", "fal-ai/image-preprocessors/canny", { image_url: STUDIO_FILE }],
    ] as const) {
      sent.length = 0;
      expect(await controlMap({ kind, image: STUDIO_FILE }, { pollMs: 1 })).toEqual({ map: { url: "https://x/map.png", contentType: "image/png", width: 640, height: 480 } });
      expect(sent).toEqual([{ endpointId: id, input }]);
      const family = KNOWN_ENDPOINTS.find((e) => e.id === id)!.family;
      expect(z.strictObject(FAMILIES[family].input.shape).safeParse(input).success).toBe(true);
    }
  });

  it("are callable on their own with app-shaped arguments; fal's seed wins", async () => {
    falDoor.answer = { ...IMAGES, seed: 99 };
    sent.length = 0;
    expect(await controlImage({ kind: "edges", map: STUDIO_FILE, prompt: "ink" }, { pollMs: 1 })).toMatchObject({ seed: 99, images: [{ url: "https://x/1.png" }] });
    expect(sent[0]).toEqual({ endpointId: "fal-ai/flux-control-lora-canny", input: { prompt: "ink", control_lora_image_url: STUDIO_FILE, preprocess_depth: false, enable_safety_checker: true, output_format: "png" } });
  });

  it("refuse a model that cannot take the kind of map, by the model field", async () => {
    const input = generationInputSchema.parse({ ...SAMPLE, kind: "pose", model: "fal-ai/flux-control-lora-depth" });
    expect(() => queueTask(input.task).prepare(input)).toThrow(/cannot follow a pose map/);
    await expect(controlMap({ kind: "depth", image: STUDIO_FILE }, { endpointId: "fal-ai/dwpose" })).rejects.toThrow(/cannot draw a depth map/);
  });

  it("take each kind's models from FAL_CONTROL_<KIND>_MODEL and FAL_<KIND>_MAP_MODEL; an unknown id is read as the kind's default family", async () => {
    Object.assign(process.env, { FAL_CONTROL_DEPTH_MODEL: "acme/depth-painter", FAL_EDGES_MAP_MODEL: "acme/edges", FAL_CONTROL_POSE_MODEL: "fal-ai/sdxl-controlnet-union" });
    resetEnvCache();
    expect(controlModelsFor("depth").map((m) => [m.id, m.family])).toEqual([
      ["acme/depth-painter", "flux-control-lora-depth"],
      ["fal-ai/sdxl-controlnet-union", "sdxl-controlnet-union"],
      ["fal-ai/flux-control-lora-depth", "flux-control-lora-depth"],
    ]);
    expect(controlModelsFor("pose").map((m) => m.id)).toEqual(["fal-ai/sdxl-controlnet-union"]);
    expect(allowedEndpoints().find((e) => e.id === "acme/edges")).toMatchObject({ family: "canny" });
    expect((await runTask({ kind: "depth" })).request.endpointId).toBe("acme/depth-painter");
  });
});

describe("control input", () => {
  const errorsOf = (value: unknown) => {
    const parsed = controlInputSchema.safeParse(value);
    return parsed.success ? {} : fieldErrors(parsed.error);
  };

  it("needs a map and a prompt, and says so by the fields", () => {
    expect(errorsOf({ task: "control", kind: "pose", prompt: "a dancer" })).toEqual({ map: "Add a control map" });
    expect(errorsOf({ task: "control", kind: "pose", map: "", prompt: "a dancer" })).toEqual({ map: "Add a control map" });
    expect(errorsOf({ task: "control", kind: "pose", map: MAP, prompt: "  " })).toEqual({ prompt: "Describe what you want" });
    expect(Object.keys(errorsOf({ task: "control", map: "https://elsewhere/x.png", prompt: "a" }))).toEqual(["map"]);
    expect(errorsOf({ task: "control", kind: "depth", map: MAP, prompt: "a", strength: 2.5 })).toEqual({ strength: "At most 2" });
    expect(errorsOf({ task: "control", kind: "normal", map: MAP, prompt: "a" })).toHaveProperty("kind");
    expect(controlInputSchema.parse({ task: "control", map: MAP, prompt: "a" })).toMatchObject({ kind: "pose", strength: 1, numImages: 1 });
  });

  it("sizes a picture after its map: about a megapixel, multiples of 8, within 64–2048", () => {
    expect(sizeForMap(600, 800)).toEqual({ width: 888, height: 1184 });
    expect(sizeForMap(1024, 1024)).toEqual({ width: 1024, height: 1024 });
    expect(sizeForMap(4000, 100)).toEqual({ width: 2048, height: 160 });
  });
});
