import type { SpeechVoice } from "@/lib/providers/wire/speech";

/** The speech task's plain data, without zod (the definition's schema and the catalog): what the form needs as the page loads. */

export const SPEECH_SPEED = { min: 0.5, max: 2 } as const;

/** "Heart · American female". */
export const describeVoice = (v: SpeechVoice) => `${v.label} · ${v.accent} ${v.gender}`;
