import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { checkMediaInputs } from "@/lib/jobs/runner";
import { readMediaBlob, saveMedia } from "@/lib/media/store";
import { MAX_IMAGE_INPUT_PIXELS } from "@/lib/providers/catalog";
import { controlMap, resolveControlEndpoint } from "@/lib/providers/control";
import { outboundFetch } from "@/lib/providers/fal";
import { mediaUrlSchema } from "../fields";
import { CONTROL_KINDS } from "./definition";

/** POST /api/control/map: a photo in the studio's store in, the kind's control map drawn from it out. */
export const controlMapRequestSchema = z.object({
  kind: z.enum(CONTROL_KINDS, { error: "Choose pose, depth or edges" }),
  image: z.string({ error: "Upload a photo to draw the map from" }).pipe(mediaUrlSchema),
});
export type ControlMapRequest = z.infer<typeof controlMapRequestSchema>;
export type DerivedMap = { url: string; contentType: string; bytes: number; width?: number; height?: number };

// A map is an image of the photo's size: the same bound as any image the studio keeps.
const MAX_MAP_BYTES = 25 * 1024 * 1024;

/**
 * Draws the map with the kind's map maker (FAL_<KIND>_MAP_MODEL, on fal or the local engine) and
 * keeps it in the studio's store. The photo is checked first like any job's input (still stored,
 * an image, within the endpoint's pixel limit); a map maker's refusal of it (the local engine
 * cannot find a body or estimate depth) comes back by the image field.
 */
export async function deriveControlMap({ kind, image }: ControlMapRequest, signal?: AbortSignal): Promise<DerivedMap> {
  const { endpointId, family } = resolveControlEndpoint(kind, "control-map", undefined);
  await checkMediaInputs({ endpointId, family, seed: null, media: [{ url: image, field: "image", kind: "image" }] });
  let map;
  try {
    ({ map } = await controlMap({ kind, image: () => readMediaBlob(image) }, { endpointId, signal, pollMs: 250 }));
  } catch (err) {
    // fal's 422 on the photo reads "image_url: <why>": the why belongs by the photo.
    const refused = err instanceof AppError && err.code === "upstream" ? /^image_url: (.+)$/s.exec(err.message) : null;
    if (refused) throw new AppError("validation", refused[1]!, { image: refused[1]! });
    throw err;
  }
  const res = await outboundFetch()(map.url, { redirect: "follow", signal });
  if (!res.ok || !res.body) throw new AppError("upstream", `Could not fetch the ${kind} map from ${endpointId} (HTTP ${res.status}).`);
  const saved = await saveMedia(res.body, res.headers.get("content-type") ?? map.contentType, { maxBytes: MAX_MAP_BYTES, maxPixels: MAX_IMAGE_INPUT_PIXELS });
  return { url: saved.url, contentType: saved.contentType, bytes: saved.bytes, width: saved.width, height: saved.height };
}
