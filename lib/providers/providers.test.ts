import { beforeEach, describe, expect, it, vi } from "vitest";
import { falDoor } from "@/test/fal-door";
import { engines, resetEnvCache } from "@/lib/env";
import { FAMILIES, KNOWN_ENDPOINTS, type Family, type Mode } from "@/lib/providers/catalog";
import { allowedEndpoints, modelsFor } from "@/lib/providers/models";
import { queueTask } from "@/lib/tasks/server";
import { generationInputSchema } from "@/lib/jobs/schema";
import * as z from "zod/mini";

/**
 * Each task through its provider function, with fal's door replaced by a recorder: what reaches
 * the endpoint must be exactly what its family takes, and its answer comes back in app shapes.
 */

vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
const { sent } = falDoor;

const media = (ext: string) => `/api/media/${"a".repeat(64)}.${ext}`;

// Background, speech, control and the streamed LLM router have their own files (background.test.ts, speech.test.ts, control.test.ts, chat.test.ts).
type TestedHere = Exclude<Mode, "remove-background" | "replace-background" | "text-to-speech" | "control-image" | "control-map" | "chat">;
const TESTED_HERE = KNOWN_ENDPOINTS.filter((e) => !["background", "speech", "control", "text"].includes(FAMILIES[e.family].kind));

const SAMPLES: Record<TestedHere, Record<string, unknown>> = {
  "text-to-image": { task: "image", prompt: "p", imageSize: { width: 640, height: 480 }, seed: 3, numImages: 2 },
  "image-to-image": { task: "image", prompt: "p", sourceImage: media("png"), strength: 0.4 },
  inpaint: { task: "inpaint", prompt: "p", negativePrompt: "n", image: media("png"), mask: media("png") },
  "text-to-video": { task: "video", prompt: "p", negativePrompt: "n", seed: 1 },
  "image-to-video": { task: "video", prompt: "p", startImage: media("jpg") },
  "speech-to-text": { task: "transcribe", audio: media("wav"), language: "en" },
};

const ANSWERS: Record<string, unknown> = {
  image: { images: [{ url: "https://x/1.png", content_type: "image/png", width: 640, height: 480 }], seed: 3 },
  inpaint: { images: [{ url: "https://x/1.png", width: 8, height: 8 }], seed: 9 },
  video: { video: { url: "https://x/v.mp4", content_type: "video/mp4" }, seed: 1 },
  transcribe: { text: " hello there ", chunks: [{ timestamp: [0, 1.5], text: " hello there" }] },
};

async function runSample(mode: TestedHere, model?: string) {
  const input = generationInputSchema.parse({ ...SAMPLES[mode], model });
  const task = queueTask(input.task);
  const prepared = task.prepare(input);
  falDoor.answer = ANSWERS[input.task];
  sent.length = 0;
  const out = await task.run(input, { seed: prepared.seed, file: (url) => url.replace("/api/media/", "https://studio.test/"), call: { endpointId: prepared.endpointId, pollMs: 1 } });
  return { prepared, out, request: sent[0]! };
}

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k.startsWith("OPENAI") || k === "STUDIO_ENGINE" || k === "PROMPT_PROVIDER") delete process.env[k];
  resetEnvCache();
});

describe("provider functions", () => {
  it.each(TESTED_HERE.map((e) => [e.id, e.family] as const))("send %s exactly the fields its family takes", async (id, family: Family) => {
    const { request } = await runSample(FAMILIES[family].mode as TestedHere, id);
    expect(request.endpointId).toBe(id);
    const parsed = z.strictObject(FAMILIES[family].input.shape).safeParse(request.input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("send the image size and seed the person chose, and read the images back", async () => {
    const { request, out } = await runSample("text-to-image");
    expect(request.input).toMatchObject({ image_size: { width: 640, height: 480 }, seed: 3, num_images: 2 });
    expect(out).toEqual({ files: [{ kind: "image", file: { url: "https://x/1.png", contentType: "image/png", width: 640, height: 480 } }], seed: 3 });
  });

  it("pick a seed when none is given, so the record can report it", async () => {
    const { prepared, request } = await runSample("image-to-image");
    expect(prepared.seed).toEqual(expect.any(Number));
    expect(request.input.seed).toBe(prepared.seed);
  });

  it("read a transcript into trimmed text and timed segments", async () => {
    const { out } = await runSample("speech-to-text");
    expect(out).toEqual({ files: [], text: "hello there", segments: [{ start: 0, end: 1.5, text: "hello there" }] });
  });

  it("refuse an answer in a shape the family does not declare", async () => {
    falDoor.answer = { image: { url: "x" } };
    const input = generationInputSchema.parse(SAMPLES["text-to-image"]);
    const task = queueTask(input.task);
    await expect(task.run(input, { seed: 1, file: (u) => u, call: { endpointId: "fal-ai/flux/dev", pollMs: 1 } })).rejects.toThrow(/unexpected shape/);
  });

  it("refuse a clip length the video model does not make, by the field", () => {
    const input = generationInputSchema.parse({ ...SAMPLES["text-to-video"], duration: "7" });
    expect(() => queueTask(input.task).prepare(input)).toThrow(/5, 10 seconds/);
  });
});

describe("model configuration", () => {
  it("uses the environment's model per task, even one the catalog does not know", () => {
    expect(modelsFor("text-to-image").map((m) => m.id)).not.toContain("acme/brand-new-model"); // the list is kept per environment read
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
