import "server-only";
import { randomUUID } from "node:crypto";
import { engines, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PromptDraft, PromptDraftRequest } from "@/lib/jobs/schema";
import { transition } from "@/lib/jobs/status";
import { newRecord } from "@/lib/jobs/record";
import { insertJob, updateJob } from "@/lib/jobs/repository";
import { whileDriving } from "@/lib/jobs/driving";
import { instanceId } from "@/lib/jobs/runner";
import * as fal from "@/lib/providers/fal";
import * as openai from "@/lib/providers/openai";
import { DRAFT_SYSTEM_PROMPT, draftUserMessage } from "./instructions";
import { createDraftParser, type DraftEvent } from "./parse";

/**
 * Prompt drafting as a job: the LLM's text is streamed to the browser as NDJSON events while
 * complete prompts are parsed, validated and announced one by one; the record keeps the result.
 */
const DRAFT_LEASE_MS = 5 * 60 * 1000;

export async function draftPromptStream(request: PromptDraftRequest, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { llm } = engines();
  const e = env();
  const model = llm === "openrouter" ? e.OPENROUTER_MODEL : e.OPENAI_MODEL;
  const endpointId = llm === "openrouter" ? e.FAL_LLM_MODEL : `openai/${model}`;
  const record = newRecord({ id: randomUUID(), task: "prompts", endpointId, engine: llm, input: request });
  // Marked as driven here before it exists in the database, so no sweeper ever takes it up;
  // the lease keeps other instances' sweepers off it.
  let finished!: () => void;
  void whileDriving(record.id, () => new Promise<void>((resolve) => (finished = resolve)));
  try {
    await insertJob(record, { owner: instanceId(), until: new Date(Date.now() + DRAFT_LEASE_MS).toISOString() });
  } catch (err) {
    finished();
    throw err;
  }
  const stream = llm === "openrouter" ? fal.streamChat : openai.streamChat;
  const encoder = new TextEncoder();

  let closed = false;
  return new ReadableStream<Uint8Array>({
    cancel() {
      closed = true;
    },
    async start(controller) {
      try {
        await draft(controller);
      } finally {
        finished();
      }
    },
  });

  async function draft(controller: ReadableStreamDefaultController<Uint8Array>) {
    // The browser may leave mid-stream; the job record is still finished properly.
    const send = (event: DraftEvent) => {
      if (!closed) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
    };
    const started = Date.now();
    const prompts: PromptDraft[] = [];
    const announce = (found: PromptDraft[]) => {
      for (const prompt of found.slice(0, request.count - prompts.length)) {
        prompts.push(prompt);
        send({ type: "prompt", index: prompts.length - 1, prompt });
      }
    };
    send({ type: "job", id: record.id, engine: llm, model });
    await updateJob(record.id, (j) => { transition(j, { to: "running" }); });
    try {
      const parser = createDraftParser();
      let text = "";
      for await (const delta of stream({ model, system: DRAFT_SYSTEM_PROMPT, user: draftUserMessage(request), signal })) {
        text += delta;
        send({ type: "delta", text: delta });
        announce(parser.push(delta));
      }
      announce(parser.end());
      if (signal.aborted) {
        await updateJob(record.id, (j) => { transition(j, { to: "cancelled" }); });
        if (!closed) controller.close();
        return;
      }
      if (prompts.length === 0) throw new AppError("upstream", "The model did not return prompts in the expected format; try again.");
      await updateJob(record.id, (j) => {
        transition(j, { to: "done", fields: { prompts, text, timings: { totalMs: Date.now() - started, runMs: Date.now() - started } } });
      });
      send({ type: "done", prompts });
    } catch (err) {
      const message = err instanceof AppError ? err.message : "Prompt drafting failed.";
      if (!(err instanceof AppError)) console.error("[studio] drafting failed:", err);
      await updateJob(record.id, (j) => { transition(j, { to: "failed", error: { code: "upstream", message } }); }).catch(() => undefined);
      send({ type: "error", message });
    }
    if (!closed) controller.close();
  }
}
