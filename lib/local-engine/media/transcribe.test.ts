import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MediaInputError, ToolUnavailableError, run, toolStatus } from "@/lib/system-tools";
import { groupWords, parseSphinxOutput, transcribe, wavDuration, type SphinxWord } from "./transcribe";

const tools = await toolStatus();
const available = tools.ffmpeg && tools.pocketsphinx;

// Debian pocketsphinx-testdata: 16 kHz 16-bit mono raw speech, "go forward ten meters".
const DATA = "/usr/share/pocketsphinx/test/data";
const GOFORWARD = `${DATA}/goforward.raw`;
const LIBRIVOX = `${DATA}/librivox/sense_and_sensibility_01_austen_64kb-0880.wav`; // "he was not an ill disposed young man"

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "stt-test-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Encodes test speech the way a browser's MediaRecorder would send it: WebM/Opus. */
async function recording(name: string, inputs: string[][]): Promise<Buffer> {
  if (!existsSync(GOFORWARD)) throw new Error("Speech samples missing: apt-get install pocketsphinx-testdata");
  const out = path.join(dir, name);
  const filter = inputs.length > 1 ? ["-filter_complex", `${inputs.map((_, i) => `[${i}:a]`).join("")}concat=n=${inputs.length}:v=0:a=1`] : [];
  await run("ffmpeg", ["-v", "error", ...inputs.flat(), ...filter, "-ac", "1", "-c:a", "libopus", "-b:a", "48k", "-y", out], { timeoutMs: 30_000 });
  return readFile(out);
}

const rawSpeech = ["-f", "s16le", "-ar", "16000", "-ac", "1", "-i", GOFORWARD];

function expectOrdered(chunks: { timestamp: [number, number] }[], duration: number) {
  let previousEnd = 0;
  for (const { timestamp: [start, end] } of chunks) {
    expect(start).toBeGreaterThanOrEqual(previousEnd);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(duration);
    previousEnd = end;
  }
}

describe("transcribe", () => {
  it.skipIf(!available)("recognises a real recording sent as WebM/Opus", async () => {
    const result = await transcribe(await recording("goforward.webm", [rawSpeech]), { language: "en" });
    const words = result.text.split(" ");
    expect(["go", "forward", "ten", "meters"].filter((w) => words.includes(w)).length).toBeGreaterThanOrEqual(2);
    expect(result.duration).toBeGreaterThan(2.7);
    expect(result.duration).toBeLessThan(2.9);
    expect(result.chunks.length).toBeGreaterThan(0);
    expectOrdered(result.chunks, result.duration);
    expect(result.chunks.map((c) => c.text).join(" ")).toBe(result.text);
    expect(result.text).not.toMatch(/<|\[|\(\d\)/);
  });

  it.skipIf(!available)("splits speech with pauses into ordered chunks", async () => {
    const silence = ["-f", "lavfi", "-t", "1.5", "-i", "anullsrc=r=16000:cl=mono"];
    const audio = await recording("two.webm", [rawSpeech, silence, ["-i", LIBRIVOX]]);
    const result = await transcribe(audio);
    expect(result.chunks.length).toBeGreaterThanOrEqual(2);
    expectOrdered(result.chunks, result.duration);
    expect(result.chunks[0]?.text).toMatch(/forward/);
    expect(result.chunks[result.chunks.length - 1]?.timestamp[0]).toBeGreaterThan(4);
    expect(result.text).toMatch(/young man/);
  });

  it.skipIf(!available)("reports undecodable or empty input as MediaInputError", async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    await expect(transcribe(garbage)).rejects.toBeInstanceOf(MediaInputError);
    await expect(transcribe(garbage)).rejects.toThrow(/^Could not read the audio file: /);
    await expect(transcribe(Buffer.alloc(0))).rejects.toBeInstanceOf(MediaInputError);
  });

  it.skipIf(!available)("refuses languages other than English with ToolUnavailableError", async () => {
    const err = await transcribe(Buffer.from("x"), { language: "fr" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolUnavailableError);
    expect((err as Error).message).toMatch(/only supports English/);
  });
});

describe("pocketsphinx output parsing", () => {
  const output = [
    "and mr john",
    "<s> 0.000 0.140 0.999600",
    "and(2) 0.150 0.360 0.260109",
    "[NOISE] 0.370 0.400 0.5",
    "mr 0.410 0.620 0.988960",
    "<sil> 0.630 0.700 0.553458",
    "john 0.710 1.000 0.929314",
    "</s> 1.010 1.200 1.000000",
    "go forward",
    "<s> 1.500 1.560 1.000400",
    "go 1.570 1.740 0.975307",
    "forward 1.750 2.270 0.968406",
    "</s> 2.280 2.710 1.000000",
  ].join("\n");

  it("keeps words, drops fillers and alternate-pronunciation marks", () => {
    const words = parseSphinxOutput(output);
    expect(words.map((w) => w.word)).toEqual(["and", "mr", "john", "go", "forward"]);
    expect(words[0]).toEqual({ word: "and", start: 0.15, end: 0.36, utterance: 1 });
    expect(words[3]?.utterance).toBe(2);
  });

  it("groups words at utterances, long pauses and long stretches", () => {
    expect(groupWords(parseSphinxOutput(output), 3)).toEqual([
      { timestamp: [0.15, 1], text: "and mr john" },
      { timestamp: [1.57, 2.27], text: "go forward" },
    ]);
    const w = (word: string, start: number, end: number): SphinxWord => ({ word, start, end, utterance: 1 });
    const paused = groupWords([w("a", 0, 0.5), w("b", 0.6, 1), w("c", 1.7, 2)], 5);
    expect(paused.map((c) => c.text)).toEqual(["a b", "c"]);
    const long = Array.from({ length: 20 }, (_, i) => w(`w${i}`, i * 0.5, i * 0.5 + 0.45));
    const chunks = groupWords(long, 10);
    expect(chunks.length).toBe(2);
    expect(chunks.every((c) => c.timestamp[1] - c.timestamp[0] <= 8)).toBe(true);
    // Times never run past the audio.
    expect(groupWords([w("x", 1, 3.5)], 3)[0]?.timestamp).toEqual([1, 3]);
  });

  it("reads a WAV's duration from its header", () => {
    const header = Buffer.alloc(44);
    header.write("RIFF", 0, "ascii");
    header.write("WAVEfmt ", 8, "ascii");
    header.writeUInt32LE(16, 16);
    header.writeUInt32LE(32_000, 28); // bytes per second at 16 kHz mono 16-bit
    header.write("data", 36, "ascii");
    header.writeUInt32LE(48_000, 40);
    expect(wavDuration(Buffer.concat([header, Buffer.alloc(48_000)]))).toBe(1.5);
    expect(wavDuration(Buffer.from("nonsense"))).toBe(0);
  });
});
