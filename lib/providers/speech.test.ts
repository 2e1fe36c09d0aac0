import { beforeEach, describe, expect, it, vi } from "vitest";
import { falDoor } from "@/test/fal-door";
import { resetEnvCache } from "@/lib/env";
import { AppError, fieldErrors } from "@/lib/errors";
import { FAMILIES, KNOWN_ENDPOINTS, type Family } from "@/lib/providers/catalog";
import { modelsFor } from "@/lib/providers/models";
import { generationInputSchema } from "@/lib/jobs/schema";
import { speechInputSchema } from "@/lib/tasks/speech/definition";
import { queueTask } from "@/lib/tasks/server";
import { speak } from "./index";
import * as z from "zod/mini";

/**
 * The speech task through its provider function, fal's door replaced by a recorder (as in
 * providers.test.ts): each endpoint gets exactly its family's fields, answers come back in app shapes.
 */

vi.mock("@/lib/providers/fal", () => import("@/test/fal-door").then((m) => m.recordingFalDoor));
const { sent } = falDoor;

const AUDIO = { url: "https://x/speech.mp3", content_type: "audio/mpeg", file_size: 2048 };
const VOICE: Record<string, string> = {
  "kokoro-american-english": "am_onyx",
  "elevenlabs-multilingual-v2": "George",
  "minimax-speech-02-hd": "Deep_Voice_Man",
};
const ANSWER: Record<string, unknown> = {
  "kokoro-american-english": { audio: AUDIO },
  "elevenlabs-multilingual-v2": { audio: AUDIO },
  "minimax-speech-02-hd": { audio: AUDIO, duration_ms: 2750 },
};

async function runTask(model: string | undefined, input: Record<string, unknown>, family: Family) {
  const parsed = generationInputSchema.parse({ task: "speech", text: "Hello there", ...input, model });
  const task = queueTask(parsed.task);
  const prepared = task.prepare(parsed);
  falDoor.answer = ANSWER[family];
  sent.length = 0;
  const out = await task.run(parsed, { seed: prepared.seed, file: () => "unused", call: { endpointId: prepared.endpointId, pollMs: 1 } });
  expect(sent).toHaveLength(1);
  return { prepared, out, request: sent[0]! };
}

const SPEECH = KNOWN_ENDPOINTS.filter((e) => FAMILIES[e.family].kind === "speech");

beforeEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("FAL_") || k === "STUDIO_ENGINE") delete process.env[k];
  resetEnvCache();
});

describe("speech provider function", () => {
  it("knows three of fal's speech endpoints, each its own family", () => {
    expect(SPEECH.map((e) => [e.id, e.family])).toEqual([
      ["fal-ai/kokoro/american-english", "kokoro-american-english"],
      ["fal-ai/elevenlabs/tts/multilingual-v2", "elevenlabs-multilingual-v2"],
      ["fal-ai/minimax/speech-02-hd", "minimax-speech-02-hd"],
    ]);
    expect(modelsFor("text-to-speech")[0]!.id).toBe("fal-ai/kokoro/american-english");
  });

  it.each(SPEECH.map((e) => [e.id, e.family] as const))("sends %s exactly the fields its family takes", async (id, family: Family) => {
    const { request } = await runTask(id, { voice: VOICE[family], speed: 1.1 }, family);
    expect(request.endpointId).toBe(id);
    const parsed = z.strictObject(FAMILIES[family].input.shape).safeParse(request.input);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it("maps text, voice and speed onto each endpoint's own names", async () => {
    expect((await runTask("fal-ai/kokoro/american-english", { voice: "am_onyx", speed: 1.5 }, "kokoro-american-english")).request.input).toEqual({ prompt: "Hello there", voice: "am_onyx", speed: 1.5 });
    expect((await runTask("fal-ai/elevenlabs/tts/multilingual-v2", { voice: "George", speed: 0.8 }, "elevenlabs-multilingual-v2")).request.input).toEqual({ text: "Hello there", voice: "George", speed: 0.8 });
    expect((await runTask("fal-ai/minimax/speech-02-hd", { voice: "Deep_Voice_Man" }, "minimax-speech-02-hd")).request.input).toEqual({
      text: "Hello there",
      voice_setting: { voice_id: "Deep_Voice_Man", speed: 1 },
      audio_setting: { format: "mp3" },
      output_format: "url",
    });
  });

  it("reads the audio back as one file; MiniMax's duration comes with it", async () => {
    const kokoro = await runTask(undefined, { voice: "af_heart" }, "kokoro-american-english");
    expect(kokoro.prepared).toMatchObject({ endpointId: "fal-ai/kokoro/american-english", seed: null, media: [] });
    expect(kokoro.out).toEqual({ files: [{ kind: "audio", file: { url: AUDIO.url, contentType: "audio/mpeg" } }], seed: null });
    const minimax = await runTask("fal-ai/minimax/speech-02-hd", { voice: "Wise_Woman" }, "minimax-speech-02-hd");
    expect(minimax.out.files[0]!.file).toEqual({ url: AUDIO.url, contentType: "audio/mpeg", durationSec: 2.75 });
  });

  it("is callable on its own with app-shaped arguments, and refuses an answer in another shape", async () => {
    falDoor.answer = { audio: { url: "https://x/a.mp3" } };
    expect(await speak({ text: "Hi", voice: "af_sky" }, { pollMs: 1 })).toEqual({ audio: { url: "https://x/a.mp3", contentType: "audio/mpeg" } });
    falDoor.answer = { audio_url: "https://x/a.mp3" };
    await expect(speak({ text: "Hi", voice: "af_sky" }, { pollMs: 1 })).rejects.toThrow(/unexpected shape/);
  });

  it("takes the model from FAL_SPEECH_MODEL, and checks the voice against it when the request names no model", async () => {
    process.env.FAL_SPEECH_MODEL = "fal-ai/minimax/speech-02-hd";
    resetEnvCache();
    expect((await runTask(undefined, { voice: "Calm_Woman" }, "minimax-speech-02-hd")).request.endpointId).toBe("fal-ai/minimax/speech-02-hd");
    const input = generationInputSchema.parse({ task: "speech", text: "Hi", voice: "af_heart" });
    const err = (() => {
      try {
        queueTask(input.task).prepare(input);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields).toEqual({ voice: "Choose a voice this model has" });
  });
});

describe("speech input", () => {
  const errorsOf = (value: Record<string, unknown>) => {
    const parsed = speechInputSchema.safeParse({ task: "speech", ...value });
    return parsed.success ? {} : fieldErrors(parsed.error);
  };

  it("needs words, under the limit, and says so by the text field", () => {
    expect(errorsOf({ text: "   ", voice: "af_heart" })).toEqual({ text: "Enter the text to speak" });
    expect(errorsOf({ text: "x".repeat(5001), voice: "af_heart" })).toEqual({ text: "Keep the text under 5000 characters" });
    expect(errorsOf({ text: "  Hello  ", voice: "af_heart" })).toEqual({});
    expect(speechInputSchema.parse({ task: "speech", text: "  Hello  ", voice: "af_heart" })).toMatchObject({ text: "Hello", speed: 1 });
  });

  it("takes only the chosen model's voices, and its speeds", () => {
    expect(errorsOf({ model: "fal-ai/kokoro/american-english", text: "Hi", voice: "George" })).toEqual({ voice: "Choose a voice this model has" });
    expect(errorsOf({ model: "fal-ai/elevenlabs/tts/multilingual-v2", text: "Hi", voice: "George" })).toEqual({});
    expect(errorsOf({ model: "fal-ai/elevenlabs/tts/multilingual-v2", text: "Hi", voice: "George", speed: 2 })).toEqual({ speed: "This model speaks at 0.7× to 1.2×" });
    expect(errorsOf({ text: "Hi", voice: "af_heart", speed: 3 })).toEqual({ speed: "At most 2×" });
    expect(errorsOf({ text: "Hi" })).toMatchObject({ voice: expect.any(String) });
  });
});
