import "server-only";
import type { JobOptions } from "@/lib/agent/studio";
import { startStreamJob } from "@/lib/jobs/stream-job";
import { chat } from "@/lib/providers/chat";
import { resolveTextModel } from "@/lib/providers/models";
import type { TextInput } from "./definition";
import type { TextEvent } from "./events";

/**
 * A text job: one prompt to the chosen model, its answer (and reasoning) streamed to the page as
 * NDJSON while the record keeps it; a stop keeps what was written.
 */
export async function textStream(input: TextInput, signal: AbortSignal, opts: JobOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const chosen = resolveTextModel(input.model, "openai");
  const withModel = { ...input, model: chosen.id };
  return startStreamJob<"text", TextEvent>(
    {
      task: "text",
      input: withModel,
      endpointId: chosen.endpointId,
      engine: chosen.engine,
      model: chosen.model,
      failure: "The model failed to answer.",
      async work({ send, keep, signal }) {
        let text = "";
        let reasoning = "";
        const args = { model: chosen.id, system: input.system, prompt: input.prompt, temperature: input.temperature, maxTokens: input.maxTokens, reasoning: input.reasoning };
        for await (const event of chat(args, { signal })) {
          if (event.type === "text") text += event.text;
          if (event.type === "reasoning") reasoning += event.text;
          keep({ text, reasoning: reasoning || null });
          if (event.type === "end") {
            keep({ usage: event.usage });
            return { type: "done", usage: event.usage, truncated: event.truncated };
          }
          send(event);
        }
      },
    },
    signal,
    opts,
  );
}
