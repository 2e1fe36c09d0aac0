import { z } from "zod";
import { validationError } from "@/lib/errors";
import { handler, readJson } from "@/lib/http/route";
import { jobOptionsSchema } from "@/lib/webhooks/target";
import { listJobs } from "@/lib/jobs/repository";
import { startGeneration } from "@/lib/jobs/runner";
import { parseGenerationInput } from "@/lib/jobs/generation-input";
import { storeDataUrls } from "@/lib/media/data-url";
import { STATUS_FILTERS, TASKS } from "@/lib/jobs/schema";

/** Starts a generation job; the record comes back at once and is polled at /api/jobs/{id}. Files may be small data: URLs. */
export const POST = handler(async (req) => {
  const body = await readJson(req, z.unknown());
  const input = parseGenerationInput(await storeDataUrls(body));
  return Response.json(await startGeneration(input, jobOptionsSchema.parse(body)), { status: 201 });
});

const listQuery = z.object({
  task: z.enum(TASKS).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

/** History: newest first, filtered, with a cursor for the next page. */
export const GET = handler(async (req) => {
  const query = listQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw validationError(query.error);
  return Response.json(await listJobs(query.data), { headers: { "cache-control": "no-store" } });
});
