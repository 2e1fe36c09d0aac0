import "server-only";
import { invalid } from "@/lib/local-engine/fal/io";
import { ENGINE_SPEED, espeakVoiceFor, NORMAL_WPM, synthesize, type Encoding } from "@/lib/local-engine/media/speech";
import type { RunContext } from "@/lib/local-engine/fal/models";
import { SPEECH_LIMITS, type SpeechFamily } from "@/lib/providers/catalog";
import type { LocalGenerators } from "../server-types";

/**
 * fal's speech endpoints on the local engine, read aloud by espeak-ng (lib/local-engine/media/speech.ts).
 * Each family's voices become espeak-ng voices of the same accent and gender; what espeak-ng cannot do
 * (emotions, a neural model's stability or style, word timestamps, other languages) is refused by
 * field rather than ignored.
 */

type SpeechRequest = { family: SpeechFamily; textField: string; text: string | undefined; voiceField: string; voice: string | undefined; speedField: string; speed: number | undefined };

/** The text, espeak-ng voice and rate for a request, or a 422 naming the field at fault. */
function plan(r: SpeechRequest): { text: string; voice: string; wpm: number } {
  const limits = SPEECH_LIMITS[r.family];
  const text = r.text ?? "";
  if (!text.trim()) throw invalid(r.textField, "Give the text to speak (at least one character that is not a space)");
  if (text.length > limits.maxChars) throw invalid(r.textField, `At most ${limits.maxChars} characters, got ${text.length}`);
  const id = r.voice ?? limits.defaultVoice;
  const voice = espeakVoiceFor(limits.voices, id);
  if (!voice) throw invalid(r.voiceField, `Unknown voice "${id}". This model's voices: ${limits.voices.map((v) => v.id).join(", ")}`);
  const speed = r.speed ?? 1;
  const min = Math.max(limits.speed.min, ENGINE_SPEED.min);
  const max = Math.min(limits.speed.max, ENGINE_SPEED.max);
  if (!Number.isFinite(speed) || speed < min || speed > max) throw invalid(r.speedField, `Speed must be between ${min} and ${max}, got ${speed}`);
  return { text, voice, wpm: NORMAL_WPM * speed };
}

async function speakAs(r: SpeechRequest, ctx: RunContext, encoding: Encoding = { format: "mp3" }) {
  const p = plan(r);
  ctx.log(`Synthesising ${p.text.length} characters of speech`);
  const spoken = await synthesize(p.text, { voice: p.voice, wpm: p.wpm, encoding, signal: ctx.signal });
  const fileName = `speech.${encoding.format}`;
  ctx.log(`Encoded ${spoken.durationSec.toFixed(1)} s of audio as ${encoding.format}`);
  const url = await ctx.saveOutput(spoken.data, spoken.contentType, fileName);
  return { audio: { url, content_type: spoken.contentType, file_name: fileName, file_size: spoken.data.length }, durationSec: spoken.durationSec };
}

/** A setting a neural voice has and espeak-ng does not: only its default (or nothing) is taken. */
function onlyDefault(field: string, value: unknown, fallback: unknown, what: string) {
  if (value !== undefined && value !== fallback) throw invalid(field, `The local engine's voices have no ${what}; leave it out (or at ${JSON.stringify(fallback)})`);
}

function englishOnly(field: string, value: string | undefined, english: readonly string[]) {
  if (value !== undefined && !english.includes(value)) throw invalid(field, `The local engine speaks English only, not "${value}"`);
}

export const speechEngine: LocalGenerators<SpeechFamily> = {
  async "kokoro-american-english"(i, ctx) {
    const { audio } = await speakAs({ family: "kokoro-american-english", textField: "prompt", text: i.prompt, voiceField: "voice", voice: i.voice, speedField: "speed", speed: i.speed }, ctx);
    return { audio };
  },
  async "elevenlabs-multilingual-v2"(i, ctx) {
    onlyDefault("stability", i.stability, 0.5, "stability setting");
    onlyDefault("similarity_boost", i.similarity_boost, 0.75, "similarity boost");
    onlyDefault("style", i.style, 0, "style exaggeration");
    if (i.timestamps) throw invalid("timestamps", "The local engine cannot time each word; leave timestamps off");
    if (i.apply_text_normalization === "off") throw invalid("apply_text_normalization", "espeak-ng always reads numbers as words; use auto or on");
    englishOnly("language_code", i.language_code, ["en"]);
    // previous_text / next_text only steer a neural voice's intonation across requests; the words spoken are the same.
    const { audio } = await speakAs({ family: "elevenlabs-multilingual-v2", textField: "text", text: i.text, voiceField: "voice", voice: i.voice, speedField: "speed", speed: i.speed }, ctx);
    return { audio };
  },
  async "minimax-speech-02-hd"(i, ctx) {
    const v = i.voice_setting ?? {};
    const a = i.audio_setting ?? {};
    if (v.emotion && v.emotion !== "neutral") throw invalid("voice_setting.emotion", `The local engine's voices speak without emotion; leave it out (or neutral), not ${v.emotion}`);
    if (v.vol !== undefined && !(v.vol > 0 && v.vol <= 10)) throw invalid("voice_setting.vol", "Volume must be more than 0 and at most 10");
    if (v.pitch !== undefined && !(Number.isInteger(v.pitch) && Math.abs(v.pitch) <= 12)) throw invalid("voice_setting.pitch", "Pitch must be a whole number of semitones from -12 to 12");
    englishOnly("language_boost", i.language_boost, ["English", "auto"]);
    if (i.output_format === "hex") throw invalid("output_format", "The local engine answers the audio as a file URL only; use url");
    if (i.pronunciation_dict?.tone_list?.length) throw invalid("pronunciation_dict", "The local engine cannot apply a pronunciation dictionary");
    const encoding: Encoding = {
      format: a.format ?? "mp3",
      sampleRate: Number(a.sample_rate ?? 32_000),
      channels: Number(a.channel ?? 1),
      bitrate: Number(a.bitrate ?? 128_000),
      volume: v.vol,
      pitch: v.pitch,
    };
    const { audio, durationSec } = await speakAs(
      { family: "minimax-speech-02-hd", textField: "text", text: i.text, voiceField: "voice_setting.voice_id", voice: v.voice_id, speedField: "voice_setting.speed", speed: v.speed },
      ctx,
      encoding,
    );
    return { audio, duration_ms: Math.round(durationSec * 1000) };
  },
};
