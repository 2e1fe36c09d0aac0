import { seedDraft } from "@/components/forms/seed";
import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { BackgroundInput } from "@/lib/tasks/background/definition";

type Draft = Drafts["background"];

/** The Background form's defaults, and what a job's input or a handed-on image fills in. */
export function backgroundFormStart(removeModels: ModelOption[], replaceModels: ModelOption[], seed: Seed<BackgroundInput> | undefined): FormStart<"background"> {
  const defaults: Draft = {
    mode: "remove",
    model: { remove: removeModels[0]!.id, replace: replaceModels[0]!.id },
    prompt: "",
    negative: "",
    numImages: "1",
    ...seedDraft(null),
    image: null,
  };
  return { defaults, initial: seed && initialOf(seed) };
}

function initialOf(seed: Seed<BackgroundInput>): Partial<Draft> {
  if (!seed.jobId) return { image: seed.media.image };
  const from = seed.input as BackgroundInput;
  return {
    mode: from.mode,
    model: { remove: "", replace: "", [from.mode]: seed.model } as Draft["model"],
    prompt: from.prompt ?? "",
    negative: from.negativePrompt ?? "",
    numImages: String(from.numImages ?? 1),
    ...seedDraft(from.seed),
    image: seed.media.image ?? null,
  };
}
