import { beforeEach, describe, expect, it, vi } from "vitest";
import { falDoor } from "@/test/fal-door";
import { resetEnvCache } from "@/lib/env";
import { fieldErrors } from "@/lib/errors";
import { FAMILIES, KNOWN_ENDPOINTS, type Family } from "@/lib/providers/catalog";
import { modelsFor } from "@/lib/providers/models";
import { generationInputSchema } from "@/lib/jobs/schema";
import { backgroundInputSchema } from "@/lib/tasks/background/definition";
import { queueTask } from "@/lib/tasks/server";
import { removeBackground, replaceBackground } from "./index";
import * as z from "zod/mini";

/**
 * The background task through its provider functions, fal's door replaced by a recorder (as in
 * providers.test.ts): each endpoint gets exactly its family's fields, answers come back in app shapes.
 */

vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
const { sent } = falDoor;

const IMAGE = `/api/media/${"b".repeat(64)}.png`;
const STUDIO_FILE = "https://studio.test/image.png";
const CUTOUT = { url: "https://x/cut.png", content_type: "image/png", width: 640, height: 480 };
const ANSWERS = {
  remove: { image: CUTOUT },
  replace: { images: [{ url: "https://x/1.png", width: 640, height: 480 }, { url: "https://x/2.png", content_type: "image/png", width: 640, height: 480 }], seed: 11 },
};
const SAMPLES = {
  remove: { task: "background", image: IMAGE, mode: "remove" },
  replace: { task: "background", image: IMAGE, mode: "replace", prompt: "a pebble beach at dusk", negativePrompt: "people", seed: 11, numImages: 2 },
} as const;

async function runTask(mode: "remove" | "replace", model?: string) {
  const input = generationInputSchema.parse({ ...SAMPLES[mode], model });
  const task = queueTask(input.task);
  const prepared = task.prepare(input);
  falDoor.answer = ANSWERS[mode];
  sent.length = 0;
  const out = await task.run(input, { seed: prepared.seed, file: () => STUDIO_FILE, call: { endpointId: prepared.endpointId, pollMs: 1 } });
  expect(sent).toHaveLength(1);
  return { prepared, out, request: sent[0]! };
}

const BACKGROUND = KNOWN_ENDPOINTS.filter((e) => FAMILIES[e.family].kind === "background");

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k === "STUDIO_ENGINE") delete process.env[k];
  resetEnvCache();
});

describe("background provider functions", () => {
  it("know all five of fal's background endpoints", () => {
    expect(BACKGROUND.map((e) => [e.id, FAMILIES[e.family].mode])).toEqual([
      ["fal-ai/birefnet/v2", "remove-background"],
      ["fal-ai/birefnet", "remove-background"],
      ["fal-ai/bria/background/remove", "remove-background"],
      ["fal-ai/imageutils/rembg", "remove-background"],
      ["fal-ai/bria/background/replace", "replace-background"],
    ]);
  });

  it.each(BACKGROUND.map((e) => [e.id, e.family] as const))("send %s exactly the fields its family takes", async (id, family: Family) => {
    const { request } = await runTask(FAMILIES[family].mode === "replace-background" ? "replace" : "remove", id);
    expect(request.endpointId).toBe(id);
    expect(request.input.image_url).toBe(STUDIO_FILE);
    const parsed = z.strictObject(FAMILIES[family].input.shape).safeParse(request.input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("ask BiRefNet for a PNG (it could answer lossy WebP), and send the others the image alone", async () => {
    expect((await runTask("remove", "fal-ai/birefnet/v2")).request.input).toEqual({ image_url: STUDIO_FILE, output_format: "png" });
    expect((await runTask("remove", "fal-ai/birefnet")).request.input).toEqual({ image_url: STUDIO_FILE, output_format: "png" });
    expect((await runTask("remove", "fal-ai/bria/background/remove")).request.input).toEqual({ image_url: STUDIO_FILE });
    expect((await runTask("remove", "fal-ai/imageutils/rembg")).request.input).toEqual({ image_url: STUDIO_FILE });
  });

  it("read a cut-out back as one image file, with no seed (removal is not sampled)", async () => {
    const { prepared, out } = await runTask("remove");
    expect(prepared).toMatchObject({ endpointId: "fal-ai/birefnet/v2", family: "birefnet-v2", seed: null, media: [{ url: IMAGE, field: "image", kind: "image" }] });
    expect(out).toEqual({ files: [{ kind: "image", file: { url: CUTOUT.url, contentType: "image/png", width: 640, height: 480 } }], seed: null });
  });

  it("send the prompt, negative prompt, seed and count for a replacement, and read every image back", async () => {
    const { prepared, request, out } = await runTask("replace");
    expect(prepared).toMatchObject({ endpointId: "fal-ai/bria/background/replace", seed: 11 });
    expect(request.input).toEqual({ image_url: STUDIO_FILE, prompt: "a pebble beach at dusk", negative_prompt: "people", seed: 11, num_images: 2 });
    expect(out).toEqual({
      files: [
        { kind: "image", file: { url: "https://x/1.png", contentType: "image/png", width: 640, height: 480 } },
        { kind: "image", file: { url: "https://x/2.png", contentType: "image/png", width: 640, height: 480 } },
      ],
      seed: 11,
    });
  });

  it("are callable on their own with app-shaped arguments", async () => {
    // No content type given: fal's removal endpoints answer PNG.
    falDoor.answer = { image: { url: CUTOUT.url, width: 640, height: 480 } };
    expect(await removeBackground({ image: STUDIO_FILE }, { pollMs: 1 })).toEqual({ image: { url: CUTOUT.url, contentType: "image/png", width: 640, height: 480 } });
    falDoor.answer = { images: [{ url: "https://x/3.png" }], seed: 99 };
    sent.length = 0;
    // The seed fal reports wins over the one sent; no negative prompt means no field.
    expect(await replaceBackground({ image: STUDIO_FILE, prompt: "snow", seed: 1 }, { pollMs: 1 })).toEqual({ images: [{ url: "https://x/3.png", contentType: "image/png" }], seed: 99 });
    expect(sent[0]!.input).toEqual({ image_url: STUDIO_FILE, prompt: "snow", seed: 1 });
  });

  it("refuse an answer in a shape the family does not declare", async () => {
    falDoor.answer = { images: [CUTOUT] };
    await expect(removeBackground({ image: STUDIO_FILE }, { pollMs: 1 })).rejects.toThrow(/unexpected shape/);
  });

  it("take the models from FAL_BACKGROUND_REMOVE_MODEL / FAL_BACKGROUND_REPLACE_MODEL", async () => {
    process.env.FAL_BACKGROUND_REMOVE_MODEL = "fal-ai/imageutils/rembg";
    process.env.FAL_BACKGROUND_REPLACE_MODEL = "acme/new-backdrops";
    resetEnvCache();
    expect((await runTask("remove")).request).toEqual({ endpointId: "fal-ai/imageutils/rembg", input: { image_url: STUDIO_FILE } });
    // An id the catalog does not know is called with the mode's default family (Bria's fields).
    expect(modelsFor("replace-background")[0]).toMatchObject({ id: "acme/new-backdrops", family: "bria-replace-background" });
    expect((await runTask("replace")).request.endpointId).toBe("acme/new-backdrops");
  });

  it("refuse a replacement model for removal, by the model field", () => {
    const input = generationInputSchema.parse({ ...SAMPLES.remove, model: "fal-ai/bria/background/replace" });
    expect(() => queueTask(input.task).prepare(input)).toThrow(/not a remove-background model/);
  });
});

describe("background input", () => {
  const errorsOf = (value: unknown) => {
    const parsed = backgroundInputSchema.safeParse(value);
    return parsed.success ? {} : fieldErrors(parsed.error);
  };

  it("needs a prompt to replace, and says so by the prompt field", () => {
    expect(errorsOf({ task: "background", image: IMAGE, mode: "replace" })).toEqual({ prompt: "Describe the new background" });
    expect(errorsOf({ task: "background", image: IMAGE, mode: "replace", prompt: "   " })).toEqual({ prompt: "Describe the new background" });
    expect(errorsOf({ task: "background", image: IMAGE, mode: "replace", prompt: "a meadow" })).toEqual({});
  });

  it("takes no prompt to remove, and needs a studio image either way", () => {
    expect(errorsOf({ task: "background", image: IMAGE, mode: "remove", prompt: "a meadow" })).toEqual({ prompt: "Removing the background takes no prompt" });
    expect(errorsOf({ task: "background", image: IMAGE })).toEqual({});
    expect(Object.keys(errorsOf({ task: "background", image: "https://elsewhere/x.png" }))).toEqual(["image"]);
  });
});
