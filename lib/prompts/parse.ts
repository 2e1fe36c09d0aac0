import { z } from "zod";
import { promptDraftSchema, type PromptDraft } from "@/lib/jobs/schema";
import { errorEventSchema, jobEventSchema } from "@/lib/jobs/stream-events";

/**
 * Incremental reader for the drafting format (one JSON object per line): feed it text as it
 * streams in and it returns each prompt as soon as its line is complete and valid.
 * Tolerates what models add anyway: code fences, list markers, blank lines.
 */
export function createDraftParser() {
  let buffer = "";
  const parseLine = (line: string): PromptDraft | undefined => {
    const cleaned = line.trim().replace(/^(```\w*|[-*]\s+|\d+[.)]\s+)/, "").trim();
    if (!cleaned.startsWith("{")) return undefined;
    try {
      const parsed = promptDraftSchema.safeParse(JSON.parse(cleaned));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    push(text: string): PromptDraft[] {
      buffer += text;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      return lines.map(parseLine).filter((p): p is PromptDraft => p !== undefined);
    },
    end(): PromptDraft[] {
      const last = parseLine(buffer);
      buffer = "";
      return last ? [last] : [];
    },
  };
}

export const draftEventSchema = z.discriminatedUnion("type", [
  jobEventSchema,
  z.object({ type: z.literal("delta"), text: z.string() }),
  z.object({ type: z.literal("prompt"), index: z.number(), prompt: promptDraftSchema }),
  z.object({ type: z.literal("done"), prompts: z.array(promptDraftSchema) }),
  errorEventSchema,
]);
export type DraftEvent = z.infer<typeof draftEventSchema>;

export { partialDraft } from "./partial";
