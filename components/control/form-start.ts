import { seedDraft } from "@/components/forms/seed";
import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { ControlInput, ControlKind } from "@/lib/tasks/control/definition";

type Draft = Drafts["control"];

/** Where each kind starts: a pose is drawn, edges are found in a photo, a depth map is brought along. */
export const DEFAULT_SOURCE: Record<ControlKind, Draft["source"]> = { pose: "draw", depth: "upload", edges: "photo" };

/** The Control form's defaults, and what a job's input or a handed-on photo fills in. */
export function controlFormStart(models: Record<ControlKind, ModelOption[]>, seed: Seed<ControlInput> | undefined): FormStart<"control"> {
  const first = models.pose[0]!;
  const defaults: Draft = {
    kind: "pose",
    source: DEFAULT_SOURCE.pose,
    model: { pose: first.id, depth: models.depth[0]!.id, edges: models.edges[0]!.id },
    prompt: "",
    negative: "",
    strength: first.defaults.strength ?? 1,
    matchMap: true,
    size: "portrait_4_3",
    steps: first.defaults.steps ?? 28,
    guidance: first.defaults.guidance ?? 3.5,
    numImages: "1",
    ...seedDraft(null),
    map: null,
    photo: null,
  };
  return { defaults, initial: seed && initialOf(seed) };
}

function initialOf(seed: Seed<ControlInput>): Partial<Draft> {
  if (!seed.jobId) {
    const kind = seed.input.kind ?? "edges";
    return seed.media.photo ? { kind, source: "photo", photo: seed.media.photo } : {};
  }
  const from = seed.input as ControlInput;
  return {
    kind: from.kind,
    source: seed.media.map ? "upload" : DEFAULT_SOURCE[from.kind],
    model: { pose: "", depth: "", edges: "", [from.kind]: seed.model } as Draft["model"],
    prompt: from.prompt,
    negative: from.negativePrompt ?? "",
    strength: from.strength,
    matchMap: !from.imageSize,
    ...(from.imageSize ? { size: from.imageSize } : {}),
    ...(from.steps ? { steps: from.steps } : {}),
    ...(from.guidance !== undefined ? { guidance: from.guidance } : {}),
    numImages: String(from.numImages ?? 1),
    ...seedDraft(from.seed),
    map: seed.media.map ?? null,
  };
}
