import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ValidationError } from "@fal-ai/client";
import { beforeAll, describe, expect, it } from "vitest";
import { espeakVoiceFor } from "@/lib/local-engine/media/speech";
import { setKnobs } from "@/lib/local-engine/state";
import { FAMILIES, SPEECH_LIMITS, type Family } from "@/lib/providers/catalog";
import { engineFetch, useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";
import * as z from "zod/mini";

/**
 * The speech families on the local engine, driven by the real @fal-ai/client: fal's input in, fal's
 * output shape out, and in it real speech from espeak-ng (its length measured with ffprobe).
 */

const KEY = "test-fal-key";
const fal = () => localFalClient(KEY);
beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
});

type File = { url: string; content_type?: string; file_name?: string; file_size?: number };

async function run(endpointId: string, input: Record<string, unknown>): Promise<unknown> {
  return (await fal().subscribe(endpointId, { input, pollInterval: 20 })).data;
}

async function bytesOf(file: File): Promise<Buffer> {
  const res = await engineFetch(file.url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** What ffprobe reads in the file: codec, sample rate, channels, seconds. */
function probe(data: Buffer, format?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "speech-test-"));
  try {
    const file = path.join(dir, "audio");
    writeFileSync(file, data);
    const args = ["-v", "error", ...(format ? ["-f", format, "-ar", "32000", "-ac", "1"] : []), "-show_entries", "stream=codec_name,sample_rate,channels:format=duration", "-of", "json", file];
    const info = JSON.parse(execFileSync("ffprobe", args, { encoding: "utf8" })) as { streams: { codec_name: string; sample_rate: string; channels: number }[]; format: { duration: string } };
    return { codec: info.streams[0]!.codec_name, sampleRate: Number(info.streams[0]!.sample_rate), channels: info.streams[0]!.channels, seconds: Number(info.format.duration) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SHORT = "The quick brown fox jumps over the lazy dog.";
const LONG = `${SHORT} It was a bright cold day in April, and the clocks were striking thirteen. Call me Ishmael.`;

async function kokoro(input: Record<string, unknown>) {
  const out = (await run("fal-ai/kokoro/american-english", input)) as { audio: File };
  expect(z.strictObject(FAMILIES["kokoro-american-english"].output.shape).safeParse(out).success, JSON.stringify(out)).toBe(true);
  const data = await bytesOf(out.audio);
  expect(out.audio).toMatchObject({ content_type: "audio/mpeg", file_name: "speech.mp3", file_size: data.length });
  return { data, ...probe(data) };
}

describe("local engine: speech", () => {
  it("Kokoro reads the text aloud as an MP3 of plausible length, longer for more words, shorter when faster", async () => {
    const short = await kokoro({ prompt: SHORT, voice: "af_heart" });
    expect(short.codec).toBe("mp3");
    // Nine words at 175 words a minute: about three seconds.
    expect(short.seconds).toBeGreaterThan(2);
    expect(short.seconds).toBeLessThan(5);
    const long = await kokoro({ prompt: LONG, voice: "af_heart" });
    expect(long.seconds).toBeGreaterThan(short.seconds * 2.5);
    const fast = await kokoro({ prompt: LONG, voice: "af_heart", speed: 2 });
    expect(fast.seconds).toBeLessThan(long.seconds * 0.7);
  });

  it("is deterministic: the same request gives the same bytes; another voice gives others", async () => {
    const a = await kokoro({ prompt: SHORT, voice: "am_adam", speed: 1.25 });
    const b = await kokoro({ prompt: SHORT, voice: "am_adam", speed: 1.25 });
    expect(a.data.equals(b.data)).toBe(true);
    const c = await kokoro({ prompt: SHORT, voice: "am_echo", speed: 1.25 });
    expect(c.data.equals(a.data)).toBe(false);
  });

  it("speaks the default voice (af_heart) when none is named", async () => {
    expect((await kokoro({ prompt: SHORT })).data.equals((await kokoro({ prompt: SHORT, voice: "af_heart" })).data)).toBe(true);
  });

  it("MiniMax answers its duration, and encodes FLAC at the asked sample rate and channels", async () => {
    const out = (await run("fal-ai/minimax/speech-02-hd", { text: SHORT, voice_setting: { voice_id: "Deep_Voice_Man" } })) as { audio: File; duration_ms: number };
    expect(z.strictObject(FAMILIES["minimax-speech-02-hd"].output.shape).safeParse(out).success).toBe(true);
    const mp3 = probe(await bytesOf(out.audio));
    expect(mp3).toMatchObject({ codec: "mp3", sampleRate: 32000, channels: 1 });
    expect(Math.abs(mp3.seconds - out.duration_ms / 1000)).toBeLessThan(0.15);
    const flac = (await run("fal-ai/minimax/speech-02-hd", { text: SHORT, audio_setting: { format: "flac", sample_rate: "44100", channel: "2" } })) as { audio: File };
    expect(flac.audio.content_type).toBe("audio/flac");
    expect(probe(await bytesOf(flac.audio))).toMatchObject({ codec: "flac", sampleRate: 44100, channels: 2 });
  });

  it("MiniMax's pitch shifts the voice and keeps its length", async () => {
    const plain = (await run("fal-ai/minimax/speech-02-hd", { text: SHORT })) as { duration_ms: number; audio: File };
    const up = (await run("fal-ai/minimax/speech-02-hd", { text: SHORT, voice_setting: { pitch: 5 } })) as { duration_ms: number; audio: File };
    const [a, b] = [probe(await bytesOf(plain.audio)), probe(await bytesOf(up.audio))];
    expect(Math.abs(a.seconds - b.seconds)).toBeLessThan(0.15);
    expect((await bytesOf(plain.audio)).equals(await bytesOf(up.audio))).toBe(false);
  });

  it("ElevenLabs reads with a premade voice, in fal's output shape", async () => {
    const out = (await run("fal-ai/elevenlabs/tts/multilingual-v2", { text: SHORT, voice: "George", stability: 0.5 })) as { audio: File };
    expect(z.strictObject(FAMILIES["elevenlabs-multilingual-v2"].output.shape).safeParse(out).success).toBe(true);
    expect(probe(await bytesOf(out.audio)).seconds).toBeGreaterThan(2);
  });

  const TOO_LONG = "b".repeat(5001);
  it.each<[string, string, Record<string, unknown>]>([
    ["fal-ai/kokoro/american-english", "voice", { prompt: SHORT, voice: "bf_emma" }],
    ["fal-ai/kokoro/american-english", "prompt", { prompt: "   " }],
    ["fal-ai/kokoro/american-english", "prompt", { prompt: TOO_LONG }],
    ["fal-ai/kokoro/american-english", "speed", { prompt: SHORT, speed: 4 }],
    ["fal-ai/elevenlabs/tts/multilingual-v2", "voice", { text: SHORT, voice: "Nobody" }],
    ["fal-ai/elevenlabs/tts/multilingual-v2", "speed", { text: SHORT, speed: 1.5 }],
    ["fal-ai/elevenlabs/tts/multilingual-v2", "stability", { text: SHORT, stability: 0.9 }],
    ["fal-ai/elevenlabs/tts/multilingual-v2", "timestamps", { text: SHORT, timestamps: true }],
    ["fal-ai/elevenlabs/tts/multilingual-v2", "language_code", { text: SHORT, language_code: "de" }],
    ["fal-ai/minimax/speech-02-hd", "voice_setting.voice_id", { text: SHORT, voice_setting: { voice_id: "Rachel" } }],
    ["fal-ai/minimax/speech-02-hd", "voice_setting.emotion", { text: SHORT, voice_setting: { emotion: "happy" } }],
    ["fal-ai/minimax/speech-02-hd", "output_format", { text: SHORT, output_format: "hex" }],
    ["fal-ai/minimax/speech-02-hd", "text", { text: TOO_LONG }],
  ])("%s refuses with 422 on %s (case %#)", async (id, field, input) => {
    const err = await run(id, input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.map((d) => d.loc.join("."))).toEqual([`body.${field}`]);
  });
});

describe("espeak-ng voices", () => {
  it("keep each voice's accent and gender, and give neighbours of one kind different variants", () => {
    const kokoro = SPEECH_LIMITS["kokoro-american-english"].voices;
    expect(espeakVoiceFor(kokoro, "af_heart")).toBe("en-us+f1");
    expect(espeakVoiceFor(kokoro, "af_alloy")).toBe("en-us+f2");
    expect(espeakVoiceFor(kokoro, "am_adam")).toBe("en-us+m1");
    expect(espeakVoiceFor(kokoro, "bf_emma")).toBeUndefined();
    const eleven = SPEECH_LIMITS["elevenlabs-multilingual-v2"].voices;
    expect(espeakVoiceFor(eleven, "George")).toBe("en-gb+m1");
    expect(espeakVoiceFor(eleven, "Alice")).toBe("en-gb+f1");
    for (const family of Object.keys(SPEECH_LIMITS) as (Family & keyof typeof SPEECH_LIMITS)[]) {
      for (const v of SPEECH_LIMITS[family].voices) expect(espeakVoiceFor(SPEECH_LIMITS[family].voices, v.id)).toMatch(v.gender === "female" ? /^en-(us|gb)\+f[1-5]$/ : /^en-(us|gb)\+m[1-7]$/);
    }
  });
});
