import { z } from "zod";
import { familyOf, FAMILIES, SPEECH_LIMITS, type Family, type SpeechFamily } from "@/lib/providers/catalog";
import { MAX_SPEECH_CHARS } from "../limits";
import type { SpeechLimits, SpeechVoice } from "@/lib/providers/wire/speech";
import { defineTask } from "../define";
import { modelField } from "../fields";
import { describeVoice, SPEECH_SPEED } from "./voices";

export { SPEECH_SPEED };

const isSpeechFamily = (family: Family | undefined): family is SpeechFamily => family !== undefined && FAMILIES[family].mode === "text-to-speech";

/** The speech family a model id is read as (an id the catalog does not know: the default one), or undefined for another task's model. */
export function speechFamilyOf(model: string): SpeechFamily | undefined {
  const family = familyOf(model, "text-to-speech");
  return isSpeechFamily(family) ? family : undefined;
}

export const voiceOf = (family: SpeechFamily, id: string): SpeechVoice | undefined => SPEECH_LIMITS[family].voices.find((v) => v.id === id);

/** A model's voices, speeds and length limit; an id the catalog does not know is read as the default speech family, as on the server. */
export const speechLimitsOf = (model: string): SpeechLimits => SPEECH_LIMITS[speechFamilyOf(model) ?? "kokoro-american-english"];

const times = (n: number) => `${n}×`;
/** "6.9 s": a clip's length as the facts and the player's caption give it. */
export const secondsLabel = (sec: number) => `${sec.toFixed(1)} s`;

/** What this family refuses in a request, by field: a voice it does not have, a speed or a length past its limits. */
export function speechProblems(family: SpeechFamily, i: { text: string; voice: string; speed: number }): Partial<Record<"text" | "voice" | "speed", string>> {
  const limits = SPEECH_LIMITS[family];
  return {
    ...(voiceOf(family, i.voice) ? {} : { voice: "Choose a voice this model has" }),
    ...(i.speed < limits.speed.min || i.speed > limits.speed.max ? { speed: `This model speaks at ${times(limits.speed.min)} to ${times(limits.speed.max)}` } : {}),
    ...(i.text.length > limits.maxChars ? { text: `This model reads at most ${limits.maxChars} characters at once` } : {}),
  };
}

export const speechInputSchema = z
  .object({
    task: z.literal("speech"),
    model: modelField,
    text: z.string().trim().min(1, "Enter the text to speak").max(MAX_SPEECH_CHARS, `Keep the text under ${MAX_SPEECH_CHARS} characters`),
    voice: z.string().trim().min(1, "Choose a voice").max(100, "Choose a voice this model has"),
    speed: z.number().min(SPEECH_SPEED.min, `At least ${times(SPEECH_SPEED.min)}`).max(SPEECH_SPEED.max, `At most ${times(SPEECH_SPEED.max)}`).default(1),
  })
  .superRefine((i, ctx) => {
    // Without a model the server's configured one is used, and checked there (lib/tasks/speech/server.ts).
    const family = i.model ? speechFamilyOf(i.model) : undefined;
    if (!family) return;
    for (const [field, message] of Object.entries(speechProblems(family, i))) ctx.addIssue({ code: "custom", path: [field], message });
  });
export type SpeechInput = z.infer<typeof speechInputSchema>;

/** "Heart · American female", or the id alone for a voice the catalog does not describe. */
export function voiceLabel(model: string | undefined, id: string): string {
  const family = model ? speechFamilyOf(model) : undefined;
  const v = family && voiceOf(family, id);
  return v ? describeVoice(v) : id;
}

export const speechTask = defineTask({
  id: "speech",
  label: "Speech",
  input: speechInputSchema,
  media: [],
  seeded: false,
  runs: "queue",
  card: "words",
  // The text is the result's own caption (job and share pages), so it is not repeated among the settings.
  settings(i, add) {
    add("Voice", voiceLabel(i.model, i.voice));
    add("Speed", times(i.speed));
  },
  facts: (job, i) => {
    const sec = job.outputs[0]?.durationSec;
    return [sec ? secondsLabel(sec) : undefined, voiceLabel(i.model, i.voice).split(" · ")[0]].filter(Boolean).join(" · ");
  },
  // Known by its text, as an image by its prompt.
  words: (_job, i) => i.text,
});
