import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { ModelOption } from "@/lib/providers/model-option";
import type { TranscribeInput } from "@/lib/tasks/transcribe/definition";

/** The Transcribe form's defaults, and what a job's input or handed-on audio fills in. */
export function transcribeFormStart(models: ModelOption[], seed: Seed<TranscribeInput> | undefined): FormStart<"transcribe"> {
  return {
    defaults: { model: models[0]!.id, language: "", mode: "transcribe", audio: null },
    initial: !seed
      ? undefined
      : !seed.jobId
        ? { audio: seed.media.audio }
        : { model: seed.model, language: seed.input.language ?? "", mode: seed.input.mode, audio: seed.media.audio ?? null },
  };
}
