import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { ModelOption } from "@/lib/providers/model-option";
import type { SpeechInput } from "@/lib/tasks/speech/definition";

/** The Speech form's defaults, and what a job's input fills in: every field for a remix, only the text for handed-on text (a transcript). */
export function speechFormStart(models: ModelOption[], seed: Seed<SpeechInput> | undefined): FormStart<"speech"> {
  return {
    defaults: { model: models[0]!.id, text: "", voices: {}, speed: 1 },
    initial:
      seed?.jobId && seed.model
        ? { model: seed.model, text: seed.input.text, voices: seed.input.voice ? { [seed.model]: seed.input.voice } : undefined, speed: seed.input.speed }
        : seed && { text: seed.input.text },
  };
}
