import "server-only";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CommandError, MediaInputError, ToolUnavailableError, lastLine, requireTool, run } from "@/lib/system-tools";

export type TranscriptChunk = { timestamp: [number, number]; text: string };
export type Transcript = { text: string; chunks: TranscriptChunk[]; duration: number };

/** A recognised word with its times in seconds; `utterance` counts pocketsphinx's speech segments. */
export type SphinxWord = { word: string; start: number; end: number; utterance: number };

const FEATURE = "Offline transcription";
const SAMPLE_RATE = 16_000;
const CONVERT_TIMEOUT_MS = 120_000;
const PAUSE_SEC = 0.6;
const MAX_CHUNK_SEC = 8;

/**
 * Offline English speech-to-text with pocketsphinx. Any audio ffmpeg reads (MediaRecorder
 * webm/opus, wav, mp3, ogg, m4a) is converted to 16 kHz mono first. Chunks are phrases split at
 * pauses, shaped like Whisper's `chunks`.
 */
export async function transcribe(audio: Buffer, opts: { language?: string; signal?: AbortSignal } = {}): Promise<Transcript> {
  await requireTool("pocketsphinx", FEATURE);
  await requireTool("ffmpeg", FEATURE);
  checkLanguage(opts.language);
  if (audio.length === 0) throw new MediaInputError("Could not read the audio file: it is empty.");

  const dir = await mkdtemp(path.join(tmpdir(), "studio-stt-"));
  try {
    const wav = await toWav(audio, dir, opts.signal);
    const duration = wavDuration(await readFile(wav));
    if (duration === 0) return { text: "", chunks: [], duration: 0 };
    // pocketsphinx runs at roughly a quarter of real time plus a second to load its model.
    const { stdout } = await run("pocketsphinx_continuous", ["-infile", wav, "-time", "yes", "-logfn", "/dev/null"], {
      timeoutMs: 60_000 + duration * 2_000,
      signal: opts.signal,
    });
    const words = parseSphinxOutput(stdout);
    const chunks = groupWords(words, duration);
    return { text: chunks.map((c) => c.text).join(" "), chunks, duration: round(duration) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkLanguage(language: string | undefined): void {
  const code = (language ?? "").trim().toLowerCase();
  if (!code || code === "auto" || code === "english" || /^en([-_].*)?$/.test(code)) return;
  throw new ToolUnavailableError(
    "pocketsphinx",
    FEATURE,
    `Offline transcription on the local engine only supports English, not "${language}". Set FAL_KEY to transcribe other languages with fal.`,
  );
}

/** 16 kHz mono 16-bit WAV with a plain 44-byte header, which is all pocketsphinx parses. */
async function toWav(audio: Buffer, dir: string, signal?: AbortSignal): Promise<string> {
  const input = path.join(dir, "audio");
  const wav = path.join(dir, "audio.wav");
  await writeFile(input, audio);
  try {
    await run(
      "ffmpeg",
      ["-hide_banner", "-nostdin", "-v", "error", "-i", input, "-vn", "-ac", "1", "-ar", String(SAMPLE_RATE), "-c:a", "pcm_s16le",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", "wav", "-y", wav],
      { timeoutMs: CONVERT_TIMEOUT_MS, signal },
    );
  } catch (err) {
    if (!(err instanceof CommandError) || err.exitCode === null) throw err;
    // ffmpeg names the temp file in its messages; the caller only needs the reason.
    const reason = lastLine(err.stderr).split(`${input}: `).join("") || "unknown format";
    const friendly = /does not contain any stream|matches no streams/.test(reason) ? "it has no audio track" : reason;
    throw new MediaInputError(`Could not read the audio file: ${friendly}`);
  }
  return wav;
}

/** Seconds of audio in a PCM WAV, from its `fmt ` and `data` chunks. */
export function wavDuration(wav: Buffer): number {
  let bytesPerSecond = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString("ascii", at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === "fmt ") bytesPerSecond = wav.readUInt32LE(at + 16);
    if (id === "data") return bytesPerSecond ? Math.min(size, wav.length - at - 8) / bytesPerSecond : 0;
    at += 8 + size + (size % 2);
  }
  return 0;
}

const WORD_LINE = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/;

/**
 * Reads `pocketsphinx_continuous -time yes` output: per utterance a hypothesis line, then one
 * `word start end confidence` line per word. Fillers (<s>, </s>, <sil>, [NOISE], ++BREATH++) are
 * dropped and alternate pronunciations ("and(2)") lose their suffix.
 */
export function parseSphinxOutput(stdout: string): SphinxWord[] {
  const words: SphinxWord[] = [];
  let utterance = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const match = WORD_LINE.exec(line.trim());
    if (!match) continue;
    const [, token = "", start = "0", end = "0"] = match;
    if (token === "<s>") utterance++;
    if (/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(token)) continue;
    words.push({ word: token.replace(/\(\d+\)$/, ""), start: Number(start), end: Number(end), utterance });
  }
  return words;
}

/** Phrases: a new chunk starts at a new utterance, after a pause, or when one runs too long. */
export function groupWords(words: SphinxWord[], duration: number): TranscriptChunk[] {
  const chunks: TranscriptChunk[] = [];
  let current: SphinxWord[] = [];
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) {
      chunks.push({
        timestamp: [round(Math.min(first.start, duration)), round(Math.min(last.end, duration))],
        text: current.map((w) => w.word).join(" "),
      });
    }
    current = [];
  };
  for (const word of words) {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last && (word.utterance !== last.utterance || word.start - last.end > PAUSE_SEC || word.end - first.start > MAX_CHUNK_SEC)) {
      flush();
    }
    current.push(word);
  }
  flush();
  return chunks;
}

const round = (v: number) => Math.round(v * 100) / 100;
