// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { defineTask } from "../define";
import { textModelField } from "../fields";
import { IDEA_MAX } from "../limits";

export const promptDraftRequestSchema = z.object({
  idea: z.string().trim().min(3, "Give the idea a few words").max(IDEA_MAX, `Keep the idea under ${IDEA_MAX} characters`),
  target: z.enum(["image", "video"]).default("image"),
  count: z.number().int().min(1).max(6).default(3),
  style: z.string().trim().max(200).optional(),
  /** `<vendor>:<model>`; the configured drafting model when left out. */
  model: z.optional(textModelField),
});
export type PromptDraftRequest = z.infer<typeof promptDraftRequestSchema>;

export const promptDraftSchema = z.object({
  title: z.string().trim().min(1).max(120),
  prompt: z.string().trim().min(1).max(4000),
  negativePrompt: z.string().trim().max(2000).optional(),
});
export type PromptDraft = z.infer<typeof promptDraftSchema>;

export const promptsTask = defineTask({
  id: "prompts",
  label: "Prompts",
  input: promptDraftRequestSchema,
  media: [],
  seeded: false,
  runs: "stream",
  card: "words",
  settings(i, add, { withPrompt }) {
    if (withPrompt) add("Idea", i.idea, { long: true });
    add("For", i.target === "video" ? "Video" : "Images");
    add("How many", i.count);
    add("Style", i.style);
  },
  facts(job, i) {
    const n = job.prompts?.length ?? i.count;
    return `${n} prompt${n === 1 ? "" : "s"} for ${i.target === "video" ? "video" : "images"}`;
  },
});
