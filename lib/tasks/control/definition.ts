import { z } from "zod";
import { imageSizeSchema } from "@/lib/providers/catalog";
import { CONTROL_KINDS, type ControlKind } from "@/lib/providers/wire/control";
import { defineTask } from "../define";
import { CONTROL_KIND_LABELS, sizeForMap } from "./kinds";
import { mediaUrlSchema, modelField, negativePromptField, numImagesField, promptField, seedField } from "../fields";
import { imageFacts, sizeLabel } from "../image/definition";

export { CONTROL_KINDS, type ControlKind };
export { CONTROL_KIND_LABELS, sizeForMap };


/** A map smaller than this on either side carries too little to steer a picture. */
export const MIN_MAP_SIDE = 64;

export const controlInputSchema = z.object({
  task: z.literal("control"),
  model: modelField,
  kind: z.enum(CONTROL_KINDS).default("pose"),
  /** The control map itself, in the studio's store: a pose skeleton, a depth map or an edge map. */
  map: z.string({ error: "Add a control map" }).min(1, "Add a control map").pipe(mediaUrlSchema),
  prompt: promptField,
  negativePrompt: negativePromptField,
  /** Control scale: 0 ignores the map, 1 is the usual hold, 2 the firmest. */
  strength: z.number().min(0, "At least 0").max(2, "At most 2").default(1),
  /** Left out: the picture takes the map's aspect ratio (sizeForMap). */
  imageSize: z.optional(imageSizeSchema),
  // Left out, each model's own default (FLUX 28 steps at 3.5, SDXL 35 at 7.5).
  steps: z.number().int().min(1, "At least 1 step").max(50, "At most 50 steps").optional(),
  guidance: z.number().min(0).max(20).optional(),
  seed: seedField,
  numImages: numImagesField,
});
export type ControlInput = z.infer<typeof controlInputSchema>;


export const controlTask = defineTask({
  id: "control",
  label: "Control",
  input: controlInputSchema,
  media: [{ field: "map", label: "Control map", name: "control-map", kind: "image" }],
  seeded: true,
  runs: "queue",
  card: "picture",
  settings(i, add, { withPrompt }) {
    add("Control", CONTROL_KIND_LABELS[i.kind]);
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("Negative prompt", i.negativePrompt, { long: true, takes: "negativePrompt" });
    add("Size", i.imageSize ? sizeLabel(i.imageSize) : "Matches the map");
    add("Control strength", i.strength.toFixed(2));
    add("Steps", i.steps, { takes: "steps" });
    add("Guidance", i.guidance, { takes: "guidance" });
    add("Images", i.numImages, { takes: "numImages" });
  },
  facts: (job, i) => `${CONTROL_KIND_LABELS[i.kind]} · ${imageFacts(job.status === "done" ? job.outputs.length : i.numImages, job.outputs[0])}`,
});
