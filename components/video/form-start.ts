import { seedDraft } from "@/components/forms/seed";
import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { VideoInput } from "@/lib/tasks/video/definition";

type Draft = Drafts["video"];

/** The Video form's defaults, and what a job's input or a handed-on prompt or start frame fills in. */
export function videoFormStart(textModels: ModelOption[], imageModels: ModelOption[], seed: Seed<VideoInput> | undefined): FormStart<"video"> {
  const first = textModels[0]!;
  const defaults: Draft = {
    mode: "text",
    model: { text: first.id, image: imageModels[0]!.id },
    prompt: "",
    negative: "",
    duration: null,
    aspect: null,
    steps: first.defaults.steps ?? 30,
    guidance: first.defaults.guidance ?? 3,
    ...seedDraft(null),
    start: null,
  };
  return { defaults, initial: seed && initialOf(seed) };
}

function initialOf(seed: Seed<VideoInput>): Partial<Draft> {
  if (!seed.jobId) return { prompt: seed.input.prompt, ...(seed.media.startImage ? { mode: "image", start: seed.media.startImage } : {}) };
  const from = seed.input as VideoInput;
  const mode: Draft["mode"] = from.startImage ? "image" : "text";
  return {
    mode,
    model: { text: "", image: "", [mode]: seed.model } as Draft["model"],
    prompt: from.prompt,
    negative: from.negativePrompt ?? "",
    duration: from.duration ?? null,
    aspect: from.aspectRatio ?? null,
    ...(from.steps !== undefined ? { steps: from.steps } : {}),
    ...(from.guidance !== undefined ? { guidance: from.guidance } : {}),
    ...seedDraft(from.seed),
    start: seed.media.startImage ?? null,
  };
}
