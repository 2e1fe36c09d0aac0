import { Badge } from "@/components/ui/badge";
import { CpuIcon } from "@/components/ui/icons";
import type { Health } from "@/lib/health";

/** Says plainly which services answer; the local engine must never pass for the real thing. */
export function EngineBadge({ engine }: { engine: Health["engine"] }) {
  const falLocal = engine.fal === "local";
  const llmLocal = engine.llm === "local";
  if (falLocal || llmLocal) {
    const which = falLocal && llmLocal ? "all jobs" : falLocal ? "media jobs" : "prompt drafting";
    return (
      <Badge tone="warning" data-testid="engine-badge" title={`The embedded local engine answers ${which}. Set FAL_KEY / OPENAI_API_KEY to use the real services.`}>
        <CpuIcon size={14} /> Local engine{falLocal && llmLocal ? "" : ` · ${which}`}
      </Badge>
    );
  }
  return (
    <Badge tone="success" data-testid="engine-badge" title="Jobs run on fal.ai; prompts on OpenAI.">
      fal.ai · {engine.llm === "openrouter" ? "OpenRouter" : "OpenAI"}
    </Badge>
  );
}
