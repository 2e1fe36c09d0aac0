import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { makeGoForwardWav } from "@/e2e/support/audio";
import { setKnobs } from "@/lib/local-engine/state";
import { useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";

/** The log a finished request shows on the local engine follows its own task and settings. */

const KEY = "test-fal-key";
const fal = () => localFalClient(KEY);

beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
});

/** Runs a request to the end; its log lines, without the queue's own first and last. */
async function logOf(endpointId: string, input: Record<string, unknown>): Promise<string[]> {
  const { requestId } = await fal().subscribe(endpointId, { input, pollInterval: 20 });
  const status = await fal().queue.status(endpointId, { requestId, logs: true });
  const messages = (status as { logs?: { message: string }[] }).logs?.map((l) => l.message) ?? [];
  expect(messages[0]).toBe("Model loaded on the local engine");
  expect(messages.at(-1)).toBe("Done");
  return messages.slice(1, -1);
}

const steps = (n: number) => Array.from({ length: n }, (_, i) => `Denoising step ${i + 1}/${n}`);
const dataUri = (type: string, data: Buffer) => `data:${type};base64,${data.toString("base64")}`;

describe("local engine: log lines per task", () => {
  it("an image counts the job's own sampling steps, 28 or 4", async () => {
    const input = { prompt: "a lighthouse", image_size: { width: 64, height: 64 }, output_format: "png" };
    expect(await logOf("fal-ai/flux/dev", { ...input, num_inference_steps: 28 })).toEqual(steps(28));
    expect(await logOf("fal-ai/flux/schnell", { ...input, num_inference_steps: 4 })).toEqual(steps(4));
    // No steps given: FLUX [dev]'s own default.
    expect(await logOf("fal-ai/flux/dev", input)).toEqual(steps(28));
  });

  it("inpainting counts its steps too", async () => {
    const image = dataUri("image/png", await sharp({ create: { width: 64, height: 64, channels: 3, background: "#336699" } }).png().toBuffer());
    const mask = dataUri("image/png", await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } }).png().toBuffer());
    expect(await logOf("fal-ai/flux-general/inpainting", { prompt: "a red door", image_url: image, mask_url: mask, num_inference_steps: 12 })).toEqual(steps(12));
  });

  it("a transcription decodes the audio and recognises each segment, with no denoising", async () => {
    const wav = makeGoForwardWav(path.join(mkdtempSync(path.join(tmpdir(), "progress-test-")), "goforward.wav"));
    const lines = await logOf("fal-ai/whisper", { audio_url: dataUri("audio/wav", readFileSync(wav)) });
    expect(lines[0]).toBe("Decoding audio");
    expect(lines[1]).toMatch(/^Decoded \d+(\.\d+)? s of audio$/);
    const segments = lines.slice(2);
    expect(segments.length).toBeGreaterThan(0);
    expect(segments).toEqual(segments.map((_, k) => `Recognising segment ${k + 1}/${segments.length}`));
  });

  it("a video renders its frames, and only LTX (which takes steps) denoises", async () => {
    const kling = await logOf("fal-ai/kling-video/v2.1/master/text-to-video", { prompt: "waves", duration: "5", aspect_ratio: "1:1" });
    expect(kling[0]).toMatch(/^Rendering 5 s at \d+×\d+$/);
    expect(kling.slice(1)).toEqual([24, 48, 72, 96, 120].map((f) => `Rendering frame ${f}/120`));
    expect(kling.join("\n")).not.toContain("Denoising");

    const ltx = await logOf("fal-ai/ltx-video", { prompt: "waves", num_inference_steps: 8 });
    expect(ltx.slice(0, 8)).toEqual(steps(8));
    expect(ltx.at(-1)).toBe("Rendering frame 120/120");
  });

  it("speech is synthesised and encoded, with no denoising", async () => {
    const lines = await logOf("fal-ai/kokoro/american-english", { prompt: "Hello there." });
    expect(lines).toEqual(["Synthesising 12 characters of speech", expect.stringMatching(/^Encoded \d+\.\d s of audio as mp3$/)]);
  });

  it("background removal segments the subject", async () => {
    const photo = await sharp({ create: { width: 96, height: 96, channels: 3, background: "#ffffff" } })
      .composite([{ input: await sharp({ create: { width: 40, height: 40, channels: 3, background: "#c02020" } }).png().toBuffer(), left: 28, top: 28 }])
      .png()
      .toBuffer();
    expect(await logOf("fal-ai/birefnet/v2", { image_url: dataUri("image/png", photo) })).toEqual(["Segmenting the subject"]);
  });
});
