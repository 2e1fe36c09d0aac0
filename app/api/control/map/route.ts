import { z } from "zod";
import { handler, readJson } from "@/lib/http/route";
import { storeDataUrls } from "@/lib/media/data-url";
import { controlMapRequestSchema, deriveControlMap } from "@/lib/tasks/control/map";

/** Draws a pose, depth or edges map from a photo (in the studio, or a small data: URL); the map is stored like an upload. */
export const POST = handler(async (req) => {
  const body = controlMapRequestSchema.parse(await storeDataUrls(await readJson(req, z.unknown()), [{ field: "image", kind: "image" }]));
  return Response.json(await deriveControlMap(body, req.signal), { status: 201 });
});
