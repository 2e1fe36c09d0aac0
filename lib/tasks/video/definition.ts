import { z } from "zod";
import { defineTask } from "../define";
import { guidanceField, mediaUrlSchema, modelField, negativePromptField, promptField, seedField, stepsField } from "../fields";

export const videoInputSchema = z.object({
  task: z.literal("video"),
  model: modelField,
  prompt: promptField,
  negativePrompt: negativePromptField,
  startImage: z.optional(mediaUrlSchema),
  /** Checked against the chosen model's own options when the job is created. */
  duration: z.string().regex(/^\d{1,2}$/, "seconds, e.g. 5").optional(),
  aspectRatio: z.string().regex(/^\d{1,2}:\d{1,2}$/, "e.g. 16:9").optional(),
  steps: stepsField(30),
  guidance: guidanceField(3),
  seed: seedField,
});
export type VideoInput = z.infer<typeof videoInputSchema>;

export const videoTask = defineTask({
  id: "video",
  label: "Video",
  input: videoInputSchema,
  media: [{ field: "startImage", label: "Start frame", name: "start-frame", kind: "image" }],
  seeded: true,
  runs: "queue",
  card: "picture",
  settings(i, add, { withPrompt }) {
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("Negative prompt", i.negativePrompt, { long: true, takes: "negativePrompt" });
    add("Mode", i.startImage ? "Image → Video" : "Text → Video");
    add("Duration", i.duration ? `${i.duration} s` : undefined, { takes: "duration" });
    add("Aspect ratio", i.aspectRatio, { takes: "aspectRatio" });
    add("Steps", i.steps, { takes: "steps" });
    add("Guidance", i.guidance, { takes: "guidance" });
  },
  facts(job, i) {
    const first = job.outputs[0];
    const seconds = first?.durationSec ? `${Math.round(first.durationSec)} s` : i.duration ? `${i.duration} s` : null;
    const shape = first?.width && first.height ? `${first.width}×${first.height}` : i.aspectRatio;
    return [i.startImage ? "From a still" : null, seconds, shape].filter(Boolean).join(" · ") || "Video";
  },
});
