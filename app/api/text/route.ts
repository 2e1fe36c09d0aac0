import { handler, readJson } from "@/lib/http/route";
import { textInputSchema } from "@/lib/tasks/text/definition";
import { textStream } from "@/lib/tasks/text/server";

/** Streams a text job's answer as NDJSON events (lib/tasks/text/events.ts). */
export const POST = handler(async (req) => {
  const input = await readJson(req, textInputSchema);
  return new Response(await textStream(input, req.signal), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
});
