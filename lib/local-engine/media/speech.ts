import "server-only";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SpeechVoice } from "@/lib/providers/wire/speech";
import { requireTool, run } from "@/lib/system-tools";
import { wavDuration } from "./transcribe";

/**
 * Speech on the local engine: espeak-ng reads the text (a formant synthesiser, clearly robotic, but
 * real words at the asked speed), ffmpeg encodes it. The same text, voice and settings give the
 * same bytes: espeak-ng is deterministic and the encoders run bit-exact with no metadata.
 */

const FEATURE = "Speech on the local engine";
const TIMEOUT_MS = 60_000;

/** espeak-ng's normal rate, in words per minute; a speed of 1 speaks at it. */
export const NORMAL_WPM = 175;
/** The rates espeak-ng accepts (`-s`): below 80 it clamps, above 450 words run together. */
const MIN_WPM = 80;
const MAX_WPM = 450;
export const ENGINE_SPEED = { min: MIN_WPM / NORMAL_WPM, max: MAX_WPM / NORMAL_WPM };

/**
 * The espeak-ng accent closest to each accent the providers name. espeak-ng has no Australian or
 * Swedish-accented English, so those voices speak British English; MiniMax's voices are "English"
 * with an American delivery.
 */
const ACCENTS: Record<string, string> = {
  American: "en-us",
  Transatlantic: "en-us",
  English: "en-us",
  British: "en-gb",
  Australian: "en-gb",
  Swedish: "en-gb",
};
// espeak-ng's voice variants (espeak-ng-data/voices/!v): five female, seven male.
const VARIANTS = { female: ["f1", "f2", "f3", "f4", "f5"], male: ["m1", "m2", "m3", "m4", "m5", "m6", "m7"] } as const;

/**
 * The espeak-ng voice for one of a family's voices: its accent, and a variant of its gender; voices
 * of one accent and gender take the variants in turn, so neighbours in the list sound different.
 */
export function espeakVoiceFor(voices: readonly SpeechVoice[], id: string): string | undefined {
  const chosen = voices.find((v) => v.id === id);
  if (!chosen) return undefined;
  const peers = voices.filter((v) => v.accent === chosen.accent && v.gender === chosen.gender);
  const variants = VARIANTS[chosen.gender];
  return `${ACCENTS[chosen.accent] ?? "en-us"}+${variants[peers.indexOf(chosen) % variants.length]}`;
}

export type AudioFormat = "mp3" | "flac" | "pcm";
export type Encoding = {
  format: AudioFormat;
  sampleRate?: number;
  channels?: number;
  /** MP3 only, bits per second. */
  bitrate?: number;
  /** Linear gain (1: as spoken). */
  volume?: number;
  /** Semitones up (or down), the tempo kept. */
  pitch?: number;
};

const CONTENT_TYPES: Record<AudioFormat, string> = { mp3: "audio/mpeg", flac: "audio/flac", pcm: "audio/pcm" };

const CODEC: Record<AudioFormat, string[]> = {
  mp3: ["-c:a", "libmp3lame", "-f", "mp3"],
  flac: ["-c:a", "flac", "-f", "flac"],
  // Raw little-endian 16-bit samples, as MiniMax's "pcm" is.
  pcm: ["-c:a", "pcm_s16le", "-f", "s16le"],
};

function filters(e: Encoding, rate: number): string[] {
  const out: string[] = [];
  if (e.pitch) {
    // Relabelling the rate shifts pitch and tempo together; atempo puts the tempo back. espeak-ng's
    // own rate is resampled to the output's first, so the ratio is taken from a known rate.
    const ratio = 2 ** (e.pitch / 12);
    out.push(`aresample=${rate}`, `asetrate=${Math.round(rate * ratio)}`, `aresample=${rate}`, `atempo=${(1 / ratio).toFixed(6)}`);
  }
  if (e.volume !== undefined && e.volume !== 1) out.push(`volume=${e.volume}`);
  return out.length ? ["-af", out.join(",")] : [];
}

export type Spoken = { data: Buffer; contentType: string; durationSec: number };

/** Reads `text` aloud with an espeak-ng voice (`en-us+f3`) at `wpm`, encoded as asked. */
export async function synthesize(text: string, opts: { voice: string; wpm: number; encoding: Encoding; signal?: AbortSignal }): Promise<Spoken> {
  await requireTool("espeak-ng", FEATURE);
  await requireTool("ffmpeg", FEATURE);
  const dir = await mkdtemp(path.join(tmpdir(), "studio-speech-"));
  try {
    const wav = path.join(dir, "speech.wav");
    const out = path.join(dir, "speech.out");
    // The text goes on stdin, never as an argument: words starting with "-" stay words.
    await run("espeak-ng", ["--stdin", "-v", opts.voice, "-s", String(Math.round(opts.wpm)), "-w", wav], { timeoutMs: TIMEOUT_MS, input: Buffer.from(text, "utf8"), signal: opts.signal });
    const durationSec = wavDuration(await readFile(wav));
    const e = opts.encoding;
    const rate = e.sampleRate ?? 44_100;
    await run(
      "ffmpeg",
      ["-hide_banner", "-nostdin", "-v", "error", "-i", wav, ...filters(e, rate), "-ar", String(rate), "-ac", String(e.channels ?? 1),
        ...(e.format === "mp3" ? ["-b:a", String(e.bitrate ?? 128_000)] : []),
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", ...CODEC[e.format], "-y", out],
      { timeoutMs: TIMEOUT_MS, signal: opts.signal },
    );
    return { data: await readFile(out), contentType: CONTENT_TYPES[e.format], durationSec: Math.round(durationSec * 1000) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
