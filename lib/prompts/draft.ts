import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PromptDraft, PromptDraftRequest } from "@/lib/jobs/schema";
import type { JobOptions } from "@/lib/agent/studio";
import { startStreamJob } from "@/lib/jobs/stream-job";
import { chat } from "@/lib/providers/chat";
import { resolveTextModel } from "@/lib/providers/models";
import { DRAFT_SYSTEM_PROMPT, draftUserMessage } from "./instructions";
import { createDraftParser, type DraftEvent } from "./parse";

/**
 * Prompt drafting as a streamed job (lib/jobs/stream-job.ts): the LLM's text is streamed to the
 * browser as NDJSON events while complete prompts are parsed, validated and announced one by one;
 * the record keeps the result.
 */
export async function draftPromptStream(request: PromptDraftRequest, signal: AbortSignal, opts: JobOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const chosen = resolveTextModel(request.model, env().PROMPT_PROVIDER);
  return startStreamJob<"prompts", DraftEvent>(
    {
      task: "prompts",
      input: request,
      endpointId: chosen.endpointId,
      engine: chosen.engine,
      model: chosen.model,
      failure: "Prompt drafting failed.",
      async work({ send, keep, signal }) {
        const prompts: PromptDraft[] = [];
        const announce = (found: PromptDraft[]) => {
          for (const prompt of found.slice(0, request.count - prompts.length)) {
            prompts.push(prompt);
            send({ type: "prompt", index: prompts.length - 1, prompt });
          }
        };
        const parser = createDraftParser();
        let text = "";
        for await (const event of chat({ model: chosen.id, system: DRAFT_SYSTEM_PROMPT, prompt: draftUserMessage(request) }, { signal })) {
          if (event.type !== "text") continue;
          text += event.text;
          send({ type: "delta", text: event.text });
          announce(parser.push(event.text));
          keep({ text, prompts: [...prompts] });
        }
        announce(parser.end());
        keep({ text, prompts });
        if (signal.aborted) return;
        if (prompts.length === 0) throw new AppError("upstream", "The model did not return prompts in the expected format; try again.");
        return { type: "done", prompts };
      },
    },
    signal,
    opts,
  );
}
