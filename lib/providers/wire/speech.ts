/**
 * fal's text-to-speech endpoints on the wire: Kokoro (American English), ElevenLabs Multilingual v2
 * and MiniMax Speech-02 HD. Fields, optionality and enums as `@fal-ai/client` types them
 * (src/types/endpoints.d.ts: KokoroAmericanEnglishInput, ElevenlabsTtsTurboV25Input (which
 * multilingual-v2 shares), MinimaxSpeech02HdInput, their outputs and the `File` they answer).
 * Kokoro's British English endpoint is left out: the client types it with Hindi's voices
 * (KokoroBritishEnglishInput = KokoroHindiInput), so its real voice list cannot be checked here.
 *
 * Beside the schemas, each endpoint's voices as the studio offers them: who they are (accent and
 * gender, as the provider describes them), how fast they may speak and how much text they take.
 * Pure zod and data: safe to import from client components.
 */
import * as z from "zod/mini";
import { MAX_SPEECH_CHARS } from "@/lib/tasks/limits";

/** `File`: where the audio is, and what it is. */
const audioFile = z.object({
  url: z.string(),
  content_type: z.optional(z.string()),
  file_name: z.optional(z.string()),
  file_size: z.optional(z.number()),
  file_data: z.optional(z.string()),
});

// ---- Voices ----

export type VoiceGender = "female" | "male";
export type SpeechVoice = { id: string; label: string; accent: string; gender: VoiceGender };

const voice = (id: string, label: string, accent: string, gender: VoiceGender): SpeechVoice => ({ id, label, accent, gender });

/** Kokoro's American voices: `af_` female, `am_` male (hexgrad/Kokoro-82M's VOICES list). */
export const KOKORO_AMERICAN_VOICES = [
  "af_heart", "af_alloy", "af_aoede", "af_bella", "af_jessica", "af_kore", "af_nicole", "af_nova", "af_river", "af_sarah", "af_sky",
  "am_adam", "am_echo", "am_eric", "am_fenrir", "am_liam", "am_michael", "am_onyx", "am_puck", "am_santa",
] as const;

const titleCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const kokoroVoices = KOKORO_AMERICAN_VOICES.map((id) => voice(id, titleCase(id.slice(3)), "American", id[1] === "f" ? "female" : "male"));

/** ElevenLabs' premade voices fal takes by name (accent and gender from ElevenLabs' voice library). */
const elevenLabsVoices = [
  voice("Rachel", "Rachel", "American", "female"),
  voice("Aria", "Aria", "American", "female"),
  voice("Sarah", "Sarah", "American", "female"),
  voice("Laura", "Laura", "American", "female"),
  voice("Jessica", "Jessica", "American", "female"),
  voice("Matilda", "Matilda", "American", "female"),
  voice("Alice", "Alice", "British", "female"),
  voice("Lily", "Lily", "British", "female"),
  voice("Charlotte", "Charlotte", "Swedish", "female"),
  voice("Roger", "Roger", "American", "male"),
  voice("Liam", "Liam", "American", "male"),
  voice("Will", "Will", "American", "male"),
  voice("Eric", "Eric", "American", "male"),
  voice("Chris", "Chris", "American", "male"),
  voice("Brian", "Brian", "American", "male"),
  voice("Bill", "Bill", "American", "male"),
  voice("Callum", "Callum", "Transatlantic", "male"),
  voice("George", "George", "British", "male"),
  voice("Daniel", "Daniel", "British", "male"),
  voice("Charlie", "Charlie", "Australian", "male"),
];

/** MiniMax's system voices (`voice_setting.voice_id`), as its voice list names them. */
const miniMaxVoices = [
  voice("Wise_Woman", "Wise woman", "English", "female"),
  voice("Calm_Woman", "Calm woman", "English", "female"),
  voice("Inspirational_girl", "Inspirational girl", "English", "female"),
  voice("Lively_Girl", "Lively girl", "English", "female"),
  voice("Lovely_Girl", "Lovely girl", "English", "female"),
  voice("Sweet_Girl_2", "Sweet girl", "English", "female"),
  voice("Exuberant_Girl", "Exuberant girl", "English", "female"),
  voice("Abbess", "Abbess", "English", "female"),
  voice("Friendly_Person", "Friendly person", "English", "female"),
  voice("Deep_Voice_Man", "Deep-voiced man", "English", "male"),
  voice("Casual_Guy", "Casual guy", "English", "male"),
  voice("Patient_Man", "Patient man", "English", "male"),
  voice("Young_Knight", "Young knight", "English", "male"),
  voice("Determined_Man", "Determined man", "English", "male"),
  voice("Decent_Boy", "Decent boy", "English", "male"),
  voice("Imposing_Manner", "Imposing manner", "English", "male"),
  voice("Elegant_Man", "Elegant man", "English", "male"),
];

// ---- Kokoro ----

export const kokoroAmericanInput = z.object({
  prompt: z.optional(z.string()),
  speed: z.optional(z.number()),
  voice: z.optional(z.enum(KOKORO_AMERICAN_VOICES)),
});

export const kokoroOutput = z.object({ audio: audioFile });

// ---- ElevenLabs ----

export const elevenLabsInput = z.object({
  text: z.string(),
  voice: z.optional(z.string()),
  stability: z.optional(z.number()),
  similarity_boost: z.optional(z.number()),
  style: z.optional(z.number()),
  speed: z.optional(z.number()),
  timestamps: z.optional(z.boolean()),
  previous_text: z.optional(z.string()),
  next_text: z.optional(z.string()),
  language_code: z.optional(z.string()),
  apply_text_normalization: z.optional(z.enum(["auto", "on", "off"])),
});

/** `timestamps` only when asked for; the client types its items as `void`, and the studio never asks. */
export const elevenLabsOutput = z.object({ audio: audioFile, timestamps: z.optional(z.array(z.void())) });

// ---- MiniMax ----

const MINIMAX_LANGUAGES = [
  "Chinese", "Chinese,Yue", "English", "Arabic", "Russian", "Spanish", "French", "Portuguese", "German", "Turkish", "Dutch", "Ukrainian",
  "Vietnamese", "Indonesian", "Japanese", "Italian", "Korean", "Thai", "Polish", "Romanian", "Greek", "Czech", "Finnish", "Hindi",
  "Bulgarian", "Danish", "Hebrew", "Malay", "Slovak", "Swedish", "Croatian", "Hungarian", "Norwegian", "Slovenian", "Catalan", "Nynorsk",
  "Afrikaans", "auto",
] as const;

export const miniMaxInput = z.object({
  text: z.string(),
  voice_setting: z.optional(
    z.object({
      voice_id: z.optional(z.string()),
      speed: z.optional(z.number()),
      vol: z.optional(z.number()),
      pitch: z.optional(z.number()),
      emotion: z.optional(z.enum(["happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral"])),
      english_normalization: z.optional(z.boolean()),
    }),
  ),
  audio_setting: z.optional(
    z.object({
      format: z.optional(z.enum(["mp3", "pcm", "flac"])),
      sample_rate: z.optional(z.enum(["8000", "16000", "22050", "24000", "32000", "44100"])),
      bitrate: z.optional(z.enum(["32000", "64000", "128000", "256000"])),
      channel: z.optional(z.enum(["1", "2"])),
    }),
  ),
  language_boost: z.optional(z.enum(MINIMAX_LANGUAGES)),
  output_format: z.optional(z.enum(["url", "hex"])),
  pronunciation_dict: z.optional(z.object({ tone_list: z.optional(z.array(z.string())) })),
});

export const miniMaxOutput = z.object({ audio: audioFile, duration_ms: z.number() });

// ---- Endpoints ----

/** How fast a voice may speak (× normal) and how much text one request takes. */
export type SpeechLimits = { voices: readonly SpeechVoice[]; defaultVoice: string; speed: { min: number; max: number }; maxChars: number };


export const SPEECH_ENDPOINTS = [
  {
    id: "fal-ai/kokoro/american-english", label: "Kokoro (American English)", input: kokoroAmericanInput, output: kokoroOutput,
    limits: { voices: kokoroVoices, defaultVoice: "af_heart", speed: { min: 0.5, max: 2 }, maxChars: MAX_SPEECH_CHARS },
  },
  {
    id: "fal-ai/elevenlabs/tts/multilingual-v2", label: "ElevenLabs Multilingual v2", input: elevenLabsInput, output: elevenLabsOutput,
    // "Speech speed (0.7-1.2)", as the endpoint documents it.
    limits: { voices: elevenLabsVoices, defaultVoice: "Rachel", speed: { min: 0.7, max: 1.2 }, maxChars: MAX_SPEECH_CHARS },
  },
  {
    id: "fal-ai/minimax/speech-02-hd", label: "MiniMax Speech-02 HD", input: miniMaxInput, output: miniMaxOutput,
    // "Speech speed (0.5-2.0)"; "max 5000 characters".
    limits: { voices: miniMaxVoices, defaultVoice: "Wise_Woman", speed: { min: 0.5, max: 2 }, maxChars: 5000 },
  },
] as const satisfies readonly { id: string; label: string; input: z.ZodMiniObject; output: z.ZodMiniObject; limits: SpeechLimits }[];

export type SpeechEndpoint = (typeof SPEECH_ENDPOINTS)[number];
export type SpeechEndpointId = SpeechEndpoint["id"];
export type SpeechInput<Id extends SpeechEndpointId> = z.infer<Extract<SpeechEndpoint, { id: Id }>["input"]>;
export type SpeechOutput<Id extends SpeechEndpointId> = z.infer<Extract<SpeechEndpoint, { id: Id }>["output"]>;
