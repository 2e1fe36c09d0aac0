import type { Seed } from "@/components/job/remix-types";
import type { FormStart } from "@/hooks/use-form-draft";
import type { PromptDraftRequest } from "@/lib/jobs/schema";

/** The Prompts form's defaults, and what a job's request fills in. */
export function promptsFormStart(defaultModel: string, seed: Seed<PromptDraftRequest> | undefined): FormStart<"prompts"> {
  const from = seed?.input;
  return {
    defaults: { idea: "", target: "image", count: "3", style: "", model: defaultModel },
    initial: from ? { idea: from.idea, target: from.target, count: String(from.count), style: from.style ?? "", model: from.model ?? defaultModel } : undefined,
  };
}
