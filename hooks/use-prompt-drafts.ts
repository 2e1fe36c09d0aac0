"use client";

import { useCallback, useState } from "react";
import type { PromptDraft, PromptDraftRequest } from "@/lib/jobs/schema";
import { useStreamJob } from "./use-stream-job";

const draftEvents = () => import("@/lib/prompts/parse").then((m) => m.draftEventSchema);
const MESSAGES = { failure: "Prompt drafting failed.", incomplete: "The connection closed before the drafts were complete." };

/** Reads the NDJSON draft stream: raw text as it is written, prompts as each one completes. */
export function usePromptDrafts() {
  const job = useStreamJob("/api/prompts", draftEvents, MESSAGES);
  const [text, setText] = useState("");
  const [prompts, setPrompts] = useState<PromptDraft[]>([]);
  const { start } = job;

  const draft = useCallback(async (req: PromptDraftRequest) => {
    setText("");
    setPrompts([]);
    await start(req, (e) => {
      if (e.type === "delta") setText((t) => t + e.text);
      if (e.type === "prompt") setPrompts((p) => [...p, e.prompt]);
    });
  }, [start]);

  return { ...job, draft, text, prompts };
}
