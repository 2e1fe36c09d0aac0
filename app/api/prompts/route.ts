import { handler, readJson } from "@/lib/http/route";
import { promptDraftRequestSchema } from "@/lib/jobs/schema";
import { draftPromptStream } from "@/lib/prompts/draft";

/** Streams prompt drafts as NDJSON events (see lib/prompts/parse.ts DraftEvent). */
export const POST = handler(async (req) => {
  const request = await readJson(req, promptDraftRequestSchema);
  return new Response(await draftPromptStream(request, req.signal), {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-cache, no-transform" },
  });
});
