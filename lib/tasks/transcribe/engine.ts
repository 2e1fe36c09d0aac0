import "server-only";
import { transcribe } from "@/lib/local-engine/media/transcribe";
import { readInput } from "@/lib/local-engine/fal/io";
import type { LocalGenerators } from "../server-types";

export const transcribeEngine: LocalGenerators<"whisper"> = {
  async whisper(i, ctx) {
    const audio = await readInput(i.audio_url, "audio_url");
    ctx.log("Decoding audio");
    const out = await transcribe(audio, { language: i.language, signal: ctx.signal });
    ctx.log(`Decoded ${out.duration} s of audio`);
    for (const k of out.chunks.keys()) ctx.log(`Recognising segment ${k + 1}/${out.chunks.length}`);
    return { text: out.text, chunks: out.chunks.map((c) => ({ timestamp: c.timestamp, text: c.text })), inferred_languages: ["en"], diarization_segments: [] };
  },
};
