import { handler, readJson } from "@/lib/http/route";
import { promptDraftRequestSchema } from "@/lib/jobs/schema";
import { draftPromptStream } from "@/lib/prompts/draft";
import { jobOptionsSchema } from "@/lib/webhooks/target";

/** Streams prompt drafts as NDJSON events (see lib/prompts/parse.ts DraftEvent). */
export const POST = handler(async (req) => {
  const { webhookUrl, ...request } = await readJson(req, promptDraftRequestSchema.extend(jobOptionsSchema.shape));
  return new Response(await draftPromptStream(request, req.signal, { webhookUrl }), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
});
