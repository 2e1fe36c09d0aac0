import "server-only";
import { resolveEndpoint } from "@/lib/providers/call";
import { transcribeAudio } from "@/lib/providers/transcribe";
import type { TranscribeInput } from "./definition";
import type { QueueServerTask } from "../server-types";

export const transcribeServer: QueueServerTask<TranscribeInput> = {
  prepare(i) {
    const { endpointId, family } = resolveEndpoint("speech-to-text", i.model);
    return { endpointId, family, seed: null, media: [{ url: i.audio, field: "audio", kind: "audio" }] };
  },
  async run(i, { file, call }) {
    const r = await transcribeAudio({ audio: file(i.audio), mode: i.mode, language: i.language }, call);
    return { files: [], text: r.text, segments: r.segments };
  },
};
