import { seedDraft } from "@/components/forms/seed";
import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { InpaintInput } from "@/lib/tasks/inpaint/definition";

type Draft = Drafts["inpaint"];

/** The Inpaint form's defaults, and what a job's input or a handed-on image fills in (a mask is painted again). */
export function inpaintFormStart(models: ModelOption[], seed: Seed<InpaintInput> | undefined): FormStart<"inpaint"> {
  const first = models[0]!;
  const defaults: Draft = {
    model: first.id,
    prompt: "",
    negative: "",
    strength: first.defaults.strength ?? 0.85,
    steps: first.defaults.steps ?? 28,
    guidance: first.defaults.guidance ?? 3.5,
    ...seedDraft(null),
    image: null,
  };
  return { defaults, initial: seed && initialOf(seed) };
}

function initialOf(seed: Seed<InpaintInput>): Partial<Draft> {
  if (!seed.jobId) return { image: seed.media.image };
  const from = seed.input as InpaintInput;
  return {
    model: seed.model,
    prompt: from.prompt,
    negative: from.negativePrompt ?? "",
    strength: from.strength,
    steps: from.steps,
    guidance: from.guidance,
    ...seedDraft(from.seed),
    image: seed.media.image ?? null,
  };
}
