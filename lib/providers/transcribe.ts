import "server-only";
import type { Segment } from "@/lib/jobs/schema";
import { callEndpoint, resolveEndpoint, type CallOptions, type FileInput } from "./call";

export type TranscribeAudioArgs = { audio: FileInput; mode?: "transcribe" | "translate"; language?: string };
export type TranscriptResult = { text: string; segments: Segment[] };

export async function transcribeAudio(args: TranscribeAudioArgs, opts: CallOptions = {}): Promise<TranscriptResult> {
  const { endpointId, family } = resolveEndpoint("speech-to-text", opts.endpointId);
  const input = { task: args.mode ?? "transcribe", chunk_level: "segment", ...(args.language ? { language: args.language } : {}) };
  const out = await callEndpoint(family, endpointId, input, { audio_url: args.audio }, opts);
  return {
    text: out.text.trim(),
    segments: (out.chunks ?? []).map((c) => ({ start: c.timestamp[0] ?? 0, end: c.timestamp[1] ?? c.timestamp[0] ?? 0, text: c.text.trim() })),
  };
}
