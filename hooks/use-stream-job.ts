"use client";

import { useCallback, useRef, useState } from "react";
import type { z } from "zod";
import { ApiError } from "@/lib/client/api-error";
import { loadApi } from "@/lib/client/load-api";
import type { FieldErrors } from "@/lib/errors";

export type StreamState = "idle" | "streaming" | "done" | "failed" | "stopped";
type Envelope = { type: "job"; id: string; engine: string; model: string } | { type: "done" } | { type: "error"; message: string };

/**
 * Reads a streamed job's NDJSON (lib/jobs/stream-job.ts) as it arrives: the job event names the
 * record, `done` and `error` end it, every event also goes to `onEvent`. Stop aborts the request,
 * which cancels the job on the server and keeps what was written.
 */
/**
 * `events` loads the events' schema (zod): with the first stream, not with the page. Pass a function
 * that does not change between renders (a module-level one).
 */
export function useStreamJob<E extends { type: string }>(url: string, events: () => Promise<z.ZodType<E>>, messages: { failure: string; incomplete: string }) {
  const [state, setState] = useState<StreamState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [meta, setMeta] = useState<{ id: string; engine: string; model: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(async (body: unknown, onEvent: (event: E) => void) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState("streaming");
    setError(null);
    setFieldErrors({});
    setMeta(null);
    try {
      const { request, jsonInit } = await loadApi();
      const [res, schema] = await Promise.all([request(url, { ...jsonInit(body), signal: controller.signal }), events()]);
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
          const event = schema.safeParse(JSON.parse(line));
          if (!event.success) continue;
          const e = event.data as E & Envelope;
          if (e.type === "job") setMeta({ id: e.id, engine: e.engine, model: e.model });
          onEvent(e);
          if (e.type === "done") { finished = true; setState("done"); }
          if (e.type === "error") { finished = true; setError(e.message); setState("failed"); }
        }
      }
      if (!finished) { setError(messages.incomplete); setState("failed"); }
    } catch (err) {
      if (controller.signal.aborted) return setState("stopped");
      if (err instanceof ApiError) { setError(err.message); setFieldErrors(err.fields ?? {}); }
      else setError(messages.failure);
      setState("failed");
    }
  }, [url, events, messages.failure, messages.incomplete]);

  const stop = useCallback(() => abort.current?.abort(), []);
  return { start, stop, state, error, fieldErrors, setFieldErrors, meta };
}
