import { beforeEach, describe, expect, it } from "vitest";
import { engines, resetEnvCache } from "@/lib/env";
import { FAMILIES, KNOWN_ENDPOINTS, type Mode } from "@/lib/providers/catalog";
import { allowedEndpoints, modelsFor } from "@/lib/providers/models";
import { planJob } from "./plan";
import { generationInputSchema, type GenerationInput } from "./schema";

const media = (ext: string) => `/api/media/${"a".repeat(64)}.${ext}`;

const SAMPLES: Record<Mode, Record<string, unknown>> = {
  "text-to-image": { task: "image", prompt: "p", imageSize: { width: 640, height: 480 }, seed: 3, numImages: 2 },
  "image-to-image": { task: "image", prompt: "p", sourceImage: media("png"), strength: 0.4 },
  inpaint: { task: "inpaint", prompt: "p", negativePrompt: "n", image: media("png"), mask: media("png") },
  "text-to-video": { task: "video", prompt: "p", negativePrompt: "n", seed: 1 },
  "image-to-video": { task: "video", prompt: "p", startImage: media("jpg") },
  "speech-to-text": { task: "transcribe", audio: media("wav"), language: "en" },
};

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k.startsWith("OPENAI") || k === "STUDIO_ENGINE" || k === "PROMPT_PROVIDER") delete process.env[k];
  resetEnvCache();
});

describe("planJob", () => {
  it.each(KNOWN_ENDPOINTS.map((e) => [e.id, e.family] as const))("builds a valid %s input from the form", (id, family) => {
    const mode = FAMILIES[family].mode;
    const input = generationInputSchema.parse({ ...SAMPLES[mode], model: id }) as GenerationInput;
    const plan = planJob(input);
    expect(plan.endpointId).toBe(id);
    const withMedia = { ...plan.input, ...Object.fromEntries(Object.keys(plan.media).map((k) => [k, "https://v3.fal.media/files/x"])) };
    const parsed = FAMILIES[family].input.safeParse(withMedia);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // Nothing the endpoint does not take is sent.
    expect(Object.keys(withMedia).every((k) => k in FAMILIES[family].input.shape)).toBe(true);
  });

  it("sends the image size and seed the person chose", () => {
    const plan = planJob(generationInputSchema.parse(SAMPLES["text-to-image"]) as GenerationInput);
    expect(plan.input).toMatchObject({ image_size: { width: 640, height: 480 }, seed: 3, num_images: 2 });
  });

  it("picks a seed when none is given, so the record can report it", () => {
    const plan = planJob(generationInputSchema.parse({ task: "image", prompt: "p" }) as GenerationInput);
    expect(plan.input.seed).toEqual(expect.any(Number));
  });
});

describe("model configuration", () => {
  it("uses the environment's model per task, even one the catalog does not know", () => {
    process.env.FAL_IMAGE_MODEL = "acme/brand-new-model";
    resetEnvCache();
    expect(modelsFor("text-to-image")[0]).toMatchObject({ id: "acme/brand-new-model", family: "flux-text-to-image" });
    expect(allowedEndpoints().map((e) => e.id)).toContain("acme/brand-new-model");
  });

  it("rejects a malformed model id at start", () => {
    process.env.FAL_VIDEO_MODEL = "not a model";
    resetEnvCache();
    expect(() => modelsFor("text-to-video")).toThrow(/FAL_VIDEO_MODEL/);
  });
});

describe("engines", () => {
  it("uses the local engine for every service without a key", () => {
    expect(engines()).toEqual({ fal: "local", llm: "local" });
  });

  it("uses each real service whose key is set", () => {
    process.env.FAL_KEY = "k";
    resetEnvCache();
    expect(engines()).toEqual({ fal: "fal", llm: "local" });
    process.env.OPENAI_API_KEY = "o";
    resetEnvCache();
    expect(engines()).toEqual({ fal: "fal", llm: "openai" });
  });

  it("can be forced local with keys set, and routes drafting to OpenRouter via fal", () => {
    Object.assign(process.env, { FAL_KEY: "k", OPENAI_API_KEY: "o", STUDIO_ENGINE: "local" });
    resetEnvCache();
    expect(engines()).toEqual({ fal: "local", llm: "local" });
    Object.assign(process.env, { STUDIO_ENGINE: "auto", PROMPT_PROVIDER: "openrouter" });
    resetEnvCache();
    expect(engines()).toEqual({ fal: "fal", llm: "openrouter" });
  });
});
