// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { parseTextModel, VENDOR_LABEL } from "@/lib/providers/text-model";
import { textModelField } from "../fields";
import { markdownToPlain } from "@/lib/text/markdown";
import { defineTask } from "../define";

export const TEXT_PROMPT_MAX = 20_000;
export const TEXT_SYSTEM_MAX = 8_000;
export const TEXT_MAX_TOKENS = 64_000;

export const textInputSchema = z.object({
  task: z.literal("text"),
  /** `<vendor>:<model>` (lib/providers/text-model.ts); the configured default when left out. */
  model: z.optional(textModelField),
  prompt: z.string().trim().min(1, "Write a prompt").max(TEXT_PROMPT_MAX, "Keep the prompt under 20,000 characters"),
  system: z.string().trim().max(TEXT_SYSTEM_MAX, "Keep the system prompt under 8,000 characters").optional(),
  temperature: z.number({ error: "Enter a number from 0 to 2" }).min(0, "From 0 to 2").max(2, "From 0 to 2").optional(),
  maxTokens: z.number({ error: "Enter a whole number of tokens" }).int("Use a whole number of tokens").min(1, "At least 1 token").max(TEXT_MAX_TOKENS, "At most 64,000 tokens").optional(),
  reasoning: z.boolean().default(false),
});
export type TextInput = z.infer<typeof textInputSchema>;

const wordCount = (markdown: string) => markdownToPlain(markdown).split(/\s+/).filter(Boolean).length;

export const textTask = defineTask({
  id: "text",
  label: "Text",
  input: textInputSchema,
  media: [],
  seeded: false,
  runs: "stream",
  card: "words",
  settings(i, add, { withPrompt }) {
    if (i.model) {
      const { vendor, model } = parseTextModel(i.model);
      // "Model" is the endpoint (openrouter/router, openai/…), which the job page shows itself.
      add("Language model", `${model} (${VENDOR_LABEL[vendor]})`, { mono: true });
    }
    if (withPrompt) add("Prompt", i.prompt, { long: true });
    add("System prompt", i.system, { long: true });
    add("Temperature", i.temperature);
    add("Max tokens", i.maxTokens);
    add("Reasoning", i.reasoning ? "Asked for" : undefined);
  },
  facts(job, i) {
    const model = i.model ? parseTextModel(i.model).model : null;
    const words = job.text ? `${wordCount(job.text).toLocaleString("en-US")} words` : null;
    return [words, model].filter(Boolean).join(" · ") || null;
  },
  words: (job) => (job.text ? markdownToPlain(job.text) : undefined),
});
