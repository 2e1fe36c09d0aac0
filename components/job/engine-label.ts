import type { JobRecord } from "@/lib/jobs/schema";

// Apart from ./format (which reads the task definitions): the text page names the engine as it streams.
export function engineLabel(engine: JobRecord["engine"]): string {
  return { local: "Local engine", fal: "fal.ai", openai: "OpenAI", openrouter: "OpenRouter" }[engine];
}
