import { generationInputSchema } from "@/lib/jobs/schema";
import { startGeneration } from "@/lib/jobs/runner";
import { handler, readJson } from "@/lib/http/route";

/** Starts a generation job; the record comes back at once and is polled at /api/jobs/{id}. */
export const POST = handler(async (req) => {
  const input = await readJson(req, generationInputSchema);
  return Response.json(startGeneration(input), { status: 201 });
});
