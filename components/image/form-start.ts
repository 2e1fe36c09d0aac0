import { seedDraft } from "@/components/forms/seed";
import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { ImageInput } from "@/lib/tasks/image/definition";

type Draft = Drafts["image"];

/** The Image form's defaults, and what a job's input or a handed-on prompt or picture fills in. */
export function imageFormStart(textModels: ModelOption[], imageModels: ModelOption[], seed: Seed<ImageInput> | undefined): FormStart<"image"> {
  const first = textModels[0]!;
  const defaults: Draft = {
    mode: "text",
    model: { text: first.id, image: imageModels[0]!.id },
    prompt: "",
    negative: "",
    size: "landscape_4_3",
    steps: first.defaults.steps ?? 28,
    guidance: first.defaults.guidance ?? 3.5,
    strength: imageModels[0]!.defaults.strength ?? 0.85,
    numImages: "1",
    ...seedDraft(null),
    source: null,
  };
  return { defaults, initial: seed && initialOf(seed) };
}

function initialOf(seed: Seed<ImageInput>): Partial<Draft> {
  const from = seed.input;
  // A hand-off fills only its own field (a prompt, or the source image with its mode).
  if (!seed.jobId) return { prompt: from.prompt, ...(seed.media.sourceImage ? { mode: "image", source: seed.media.sourceImage } : {}) };
  const mode: Draft["mode"] = from.sourceImage ? "image" : "text";
  return {
    mode,
    prompt: from.prompt,
    negative: from.negativePrompt ?? "",
    size: from.imageSize,
    steps: from.steps,
    guidance: from.guidance,
    strength: from.strength,
    numImages: String(from.numImages),
    ...seedDraft(from.seed),
    source: seed.media.sourceImage ?? null,
    ...(seed.model ? { model: { text: "", image: "", [mode]: seed.model } as Draft["model"] } : {}),
  };
}
