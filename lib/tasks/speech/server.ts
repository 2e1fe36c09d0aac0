import "server-only";
import { AppError } from "@/lib/errors";
import { resolveEndpoint } from "@/lib/providers/call";
import { speak } from "@/lib/providers/speech";
import { speechProblems, type SpeechInput } from "./definition";
import type { QueueServerTask } from "../server-types";

export const speechServer: QueueServerTask<SpeechInput> = {
  prepare(i) {
    const { endpointId, family } = resolveEndpoint("text-to-speech", i.model);
    // The form checks the chosen model's voices; a request without a model is checked against the configured one here.
    const problems = speechProblems(family, i);
    const first = Object.values(problems)[0];
    if (first) throw new AppError("validation", first, problems);
    return { endpointId, family, seed: null, media: [] };
  },
  async run(i, { call }) {
    const { audio } = await speak({ text: i.text, voice: i.voice, speed: i.speed }, call);
    return { files: [{ file: audio, kind: "audio" }], seed: null };
  },
};
