import { handler, readJson } from "@/lib/http/route";
import { textInputSchema } from "@/lib/tasks/text/definition";
import { textStream } from "@/lib/tasks/text/server";
import { jobOptionsSchema } from "@/lib/webhooks/target";

/** Streams a text job's answer as NDJSON events (lib/tasks/text/events.ts). */
export const POST = handler(async (req) => {
  const { webhookUrl, ...input } = await readJson(req, textInputSchema.extend(jobOptionsSchema.shape));
  return new Response(await textStream(input, req.signal, { webhookUrl }), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
});
