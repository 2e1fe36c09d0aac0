import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { handler, readJson } from "@/lib/http/route";
import { knobs, setKnobs } from "@/lib/local-engine/state";

/** Test hook: change the local engine's latency / failure share at run time (STUDIO_LOCAL_CONTROL=1 only). */
const patchSchema = z.object({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  failureRate: z.number().min(0).max(1).optional(),
  concurrency: z.number().int().min(1).max(16).optional(),
});

function guard() {
  if (!env().STUDIO_LOCAL_CONTROL) throw new AppError("not_found", "Not found.");
}

export const GET = handler(async () => {
  guard();
  return Response.json(knobs());
});

export const POST = handler(async (req) => {
  guard();
  return Response.json(setKnobs(await readJson(req, patchSchema)));
});
