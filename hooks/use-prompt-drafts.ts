"use client";

import { useCallback, useRef, useState } from "react";
import { ApiError, jsonInit, request } from "@/lib/client/api";
import type { FieldErrors } from "@/lib/errors";
import type { PromptDraft, PromptDraftRequest } from "@/lib/jobs/schema";
import { draftEventSchema } from "@/lib/prompts/parse";

type State = "idle" | "streaming" | "done" | "failed" | "stopped";

/** Reads the NDJSON draft stream: raw text as it is written, prompts as each one completes. */
export function usePromptDrafts() {
  const [state, setState] = useState<State>("idle");
  const [text, setText] = useState("");
  const [prompts, setPrompts] = useState<PromptDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [meta, setMeta] = useState<{ id: string; engine: string; model: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const draft = useCallback(async (req: PromptDraftRequest) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState("streaming");
    setText("");
    setPrompts([]);
    setError(null);
    setFieldErrors({});
    try {
      const res = await request("/api/prompts", { ...jsonInit(req), signal: controller.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let finished = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          const event = draftEventSchema.safeParse(JSON.parse(line));
          if (!event.success) continue;
          const e = event.data;
          if (e.type === "job") setMeta({ id: e.id, engine: e.engine, model: e.model });
          if (e.type === "delta") setText((t) => t + e.text);
          if (e.type === "prompt") setPrompts((p) => [...p, e.prompt]);
          if (e.type === "done") { finished = true; setState("done"); }
          if (e.type === "error") { finished = true; setError(e.message); setState("failed"); }
        }
      }
      if (!finished) { setError("The connection closed before the drafts were complete."); setState("failed"); }
    } catch (err) {
      if (controller.signal.aborted) return setState("stopped");
      if (err instanceof ApiError) { setError(err.message); setFieldErrors(err.fields ?? {}); }
      else setError("Prompt drafting failed.");
      setState("failed");
    }
  }, []);

  const stop = useCallback(() => abort.current?.abort(), []);
  return { draft, stop, state, text, prompts, error, fieldErrors, setFieldErrors, meta };
}
