import { z } from "zod";
import { validationError } from "@/lib/errors";
import { handler, readJson } from "@/lib/http/route";
import { jobOptionsSchema } from "@/lib/webhooks/target";
import { listJobs } from "@/lib/jobs/repository";
import { startGeneration } from "@/lib/jobs/runner";
import { parseGenerationInput } from "@/lib/jobs/generation-input";
import { historyQuerySchema } from "@/lib/jobs/schema";
import { storeDataUrls } from "@/lib/media/data-url";

/** Starts a generation job; the record comes back at once and is polled at /api/jobs/{id}. Files may be small data: URLs. */
export const POST = handler(async (req) => {
  const body = await readJson(req, z.unknown());
  const input = parseGenerationInput(await storeDataUrls(body));
  return Response.json(await startGeneration(input, jobOptionsSchema.parse(body)), { status: 201 });
});

/** History: newest first, filtered, with a cursor for the next page. */
export const GET = handler(async (req) => {
  const query = historyQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw validationError(query.error);
  return Response.json(await listJobs(query.data), { headers: { "cache-control": "no-store" } });
});
