import type { PromptDraftRequest } from "@/lib/jobs/schema";

/**
 * The drafting contract between the studio and any LLM: one JSON object per line, so prompts
 * can be parsed and shown as soon as each line is complete while the text still streams.
 */
export const DRAFT_SYSTEM_PROMPT = [
  "You are a prompt engineer for text-to-image and text-to-video models.",
  "Expand the user's short idea into distinct, vivid prompts: subject, setting, composition, lighting, lens or",
  "medium, palette and mood; for video also camera motion and pacing. Each prompt is one paragraph of 30-70 words.",
  "Answer with exactly the requested number of lines and nothing else. Each line is one JSON object:",
  '{"title": "2-5 word name", "prompt": "...", "negativePrompt": "things to avoid"}',
  "No markdown, no code fences, no numbering.",
].join("\n");

export function draftUserMessage(req: PromptDraftRequest): string {
  return [
    `Idea: ${req.idea}`,
    `Target: ${req.target}`,
    `Count: ${req.count}`,
    ...(req.style ? [`Style: ${req.style}`] : []),
  ].join("\n");
}

/** Reads the fields back from a user message in the format above (the local engine's side). */
export function parseDraftUserMessage(text: string): PromptDraftRequest | undefined {
  const field = (name: string) => text.match(new RegExp(`^${name}:\\s*(.+)$`, "mi"))?.[1]?.trim();
  const idea = field("Idea");
  if (!idea) return undefined;
  const target = field("Target") === "video" ? "video" : "image";
  const count = Math.min(6, Math.max(1, Number(field("Count")) || 3));
  return { idea, target, count, style: field("Style") };
}
