/** The events every streamed job starts and fails with (lib/jobs/stream-job.ts). Client-safe. */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import type { StreamEvent } from "@/lib/agent/studio";

export const jobEventSchema = z.object({ type: z.literal("job"), id: z.string(), engine: z.string(), model: z.string() });
export const errorEventSchema = z.object({ type: z.literal("error"), message: z.string() });

/** Reads an NDJSON stream, one event a line, telling each; answers the id of its job. */
export async function readEvents(stream: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<string | undefined> {
  let id: string | undefined;
  let rest = "";
  const decoder = new TextDecoder();
  const tell = (line: string) => {
    if (!line.trim()) return;
    const event = JSON.parse(line) as StreamEvent;
    if (event.type === "job" && typeof event.id === "string") id = event.id;
    onEvent(event);
  };
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop()!;
    lines.forEach(tell);
  }
  tell(rest);
  return id;
}
