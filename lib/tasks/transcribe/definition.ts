import { z } from "zod";
import { defineTask } from "../define";
import { mediaUrlSchema, modelField } from "../fields";
import { excerpt } from "../text";

export const transcribeInputSchema = z.object({
  task: z.literal("transcribe"),
  model: modelField,
  audio: mediaUrlSchema,
  mode: z.enum(["transcribe", "translate"]).default("transcribe"),
  language: z.string().regex(/^[a-z]{2,3}$/, "use a language code such as en").optional(),
});
export type TranscribeInput = z.infer<typeof transcribeInputSchema>;

export const LANGUAGE_NAMES: Record<string, string> = {
  en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian",
  pt: "Portuguese", nl: "Dutch", ja: "Japanese", zh: "Chinese", hi: "Hindi",
};

export const transcribeTask = defineTask({
  id: "transcribe",
  label: "Transcript",
  input: transcribeInputSchema,
  media: [{ field: "audio", label: "Audio", name: "recording", kind: "audio" }],
  seeded: false,
  runs: "queue",
  card: "words",
  settings(i, add) {
    add("Task", i.mode === "translate" ? "Translate to English" : "Transcribe");
    add("Language", i.language ? (LANGUAGE_NAMES[i.language] ?? i.language) : "Detected automatically");
  },
  facts: (job, i) =>
    job.segments ? `${job.segments.length} segment${job.segments.length === 1 ? "" : "s"}` : i.mode === "translate" ? "Translation" : "Transcription",
  words: (job) => (job.text?.trim() ? `“${excerpt(job.text, 88)}”` : "Transcription"),
});
