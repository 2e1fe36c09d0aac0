import { handler, readJson } from "@/lib/http/route";
import { controlMapRequestSchema, deriveControlMap } from "@/lib/tasks/control/map";

/** Draws a pose, depth or edges map from a photo uploaded to the studio; the map is stored like an upload. */
export const POST = handler(async (req) => {
  const body = await readJson(req, controlMapRequestSchema);
  return Response.json(await deriveControlMap(body, req.signal), { status: 201 });
});
