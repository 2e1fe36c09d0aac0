import { z } from "zod";
import { imageSizeSchema, IMAGE_SIZE_LABELS, IMAGE_SIZE_PRESETS, type ImageSize } from "@/lib/providers/catalog";
import { defineTask } from "../define";
import { guidanceField, mediaUrlSchema, modelField, negativePromptField, numImagesField, promptField, seedField, stepsField, strengthField } from "../fields";

export const imageInputSchema = z.object({
  task: z.literal("image"),
  model: modelField,
  prompt: promptField,
  negativePrompt: negativePromptField,
  imageSize: z._default(imageSizeSchema, "landscape_4_3"),
  steps: stepsField(28),
  guidance: guidanceField(3.5),
  seed: seedField,
  numImages: numImagesField,
  sourceImage: z.optional(mediaUrlSchema),
  strength: strengthField,
});
export type ImageInput = z.infer<typeof imageInputSchema>;

export function sizeLabel(size: ImageSize): string {
  if (typeof size !== "string") return `${size.width}×${size.height} (custom)`;
  const preset = IMAGE_SIZE_PRESETS[size];
  return `${IMAGE_SIZE_LABELS[size]} · ${preset.width}×${preset.height}`;
}

/** How many images, of what size: shared by every task whose results are images. */
export function imageFacts(count: number, first: { width?: number; height?: number } | undefined, planned?: string | null): string {
  const size = first?.width && first.height ? `${first.width}×${first.height}` : planned;
  return [`${count} image${count === 1 ? "" : "s"}`, size].filter(Boolean).join(" · ");
}

export const imageTask = defineTask({
  id: "image",
  label: "Image",
  input: imageInputSchema,
  media: [{ field: "sourceImage", label: "Source image", name: "source-image", kind: "image" }],
  seeded: true,
  runs: "queue",
  card: "picture",
  settings(i, add, { withPrompt }) {
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("Negative prompt", i.negativePrompt, { long: true, takes: "negativePrompt" });
    add("Mode", i.sourceImage ? "Image → Image" : "Text → Image");
    if (!i.sourceImage) add("Size", sizeLabel(i.imageSize));
    if (i.sourceImage) add("Strength", `${Math.round(i.strength * 100)}%`);
    add("Steps", i.steps, { takes: "steps" });
    add("Guidance", i.guidance, { takes: "guidance" });
    add("Images", i.numImages, { takes: "numImages" });
  },
  facts: (job, i) =>
    imageFacts(job.status === "done" ? job.outputs.length : i.numImages, job.outputs[0], i.sourceImage ? null : sizeLabel(i.imageSize).split(" · ")[1]),
});
