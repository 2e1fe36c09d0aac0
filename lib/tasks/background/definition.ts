import { z } from "zod";
import { defineTask } from "../define";
import { mediaUrlSchema, modelField, negativePromptField, numImagesField, seedField } from "../fields";
import { imageFacts } from "../image/definition";

export const BACKGROUND_MODES = ["remove", "replace"] as const;
export type BackgroundMode = (typeof BACKGROUND_MODES)[number];

export const backgroundInputSchema = z
  .object({
    task: z.literal("background"),
    model: modelField,
    image: mediaUrlSchema,
    mode: z.enum(BACKGROUND_MODES).default("remove"),
    /** The new background (replace only). */
    prompt: z.string().trim().max(4000, "Keep the prompt under 4000 characters").optional(),
    negativePrompt: negativePromptField,
    seed: seedField,
    numImages: numImagesField,
  })
  .superRefine((i, ctx) => {
    if (i.mode === "replace" && !i.prompt) ctx.addIssue({ code: "custom", path: ["prompt"], message: "Describe the new background" });
    // Removal models take no words; a prompt sent anyway would name the job for something it did not do.
    if (i.mode === "remove" && (i.prompt || i.negativePrompt)) {
      ctx.addIssue({ code: "custom", path: [i.prompt ? "prompt" : "negativePrompt"], message: "Removing the background takes no prompt" });
    }
  });
export type BackgroundInput = z.infer<typeof backgroundInputSchema>;

export const backgroundTask = defineTask({
  id: "background",
  label: "Background",
  input: backgroundInputSchema,
  media: [{ field: "image", label: "Image", name: "image", kind: "image" }],
  seeded: true,
  runs: "queue",
  card: "picture",
  settings(i, add, { withPrompt }) {
    add("Mode", i.mode === "replace" ? "Replace the background" : "Remove the background");
    if (i.mode !== "replace") return;
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("Negative prompt", i.negativePrompt, { long: true });
    add("Images", i.numImages);
  },
  facts: (job, i) =>
    `${i.mode === "replace" ? "New background" : "Cut-out"} · ${imageFacts(job.status === "done" ? job.outputs.length : i.mode === "replace" ? i.numImages : 1, job.outputs[0])}`,
  // Only removals have no prompt to be known by.
  words: () => "Background removed",
});
