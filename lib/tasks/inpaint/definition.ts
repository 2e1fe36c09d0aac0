import { z } from "zod";
import { defineTask } from "../define";
import { guidanceField, mediaUrlSchema, modelField, negativePromptField, numImagesField, promptField, seedField, stepsField, strengthField } from "../fields";
import { imageFacts } from "../image/definition";

export const inpaintInputSchema = z.object({
  task: z.literal("inpaint"),
  model: modelField,
  prompt: promptField,
  negativePrompt: negativePromptField,
  image: mediaUrlSchema,
  mask: mediaUrlSchema,
  steps: stepsField(28),
  guidance: guidanceField(3.5),
  strength: strengthField,
  seed: seedField,
  numImages: numImagesField,
});
export type InpaintInput = z.infer<typeof inpaintInputSchema>;

export const inpaintTask = defineTask({
  id: "inpaint",
  label: "Inpaint",
  input: inpaintInputSchema,
  media: [
    { field: "image", label: "Image", name: "image", kind: "image" },
    { field: "mask", label: "Mask", name: "mask", kind: "image", remix: false },
  ],
  seeded: true,
  runs: "queue",
  card: "picture",
  settings(i, add, { withPrompt }) {
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("Negative prompt", i.negativePrompt, { long: true, takes: "negativePrompt" });
    add("Strength", `${Math.round(i.strength * 100)}%`);
    add("Steps", i.steps, { takes: "steps" });
    add("Guidance", i.guidance, { takes: "guidance" });
    add("Images", i.numImages, { takes: "numImages" });
  },
  facts: (job, i) => imageFacts(job.status === "done" ? job.outputs.length : i.numImages, job.outputs[0]),
});
