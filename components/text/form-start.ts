import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { TextInput } from "@/lib/tasks/text/definition";

/** An optional number as its field holds it: empty for the model's default. */
const optional = (n: number | undefined) => (n === undefined ? "" : String(n));

/** The Text form's defaults, and what a job's input fills in: every field for a remix, only the prompt for handed-on text (a transcript). */
export function textFormStart(defaultModel: string, seed: Seed<TextInput> | undefined): FormStart<"text"> {
  const from = seed?.input;
  return {
    defaults: { prompt: "", system: "", model: defaultModel, temperature: "", maxTokens: "", reasoning: false },
    initial: !from
      ? undefined
      : !seed?.jobId
        ? { prompt: from.prompt }
        : { prompt: from.prompt, system: from.system ?? "", model: from.model ?? defaultModel, temperature: optional(from.temperature), maxTokens: optional(from.maxTokens), reasoning: from.reasoning ?? false },
  };
}
