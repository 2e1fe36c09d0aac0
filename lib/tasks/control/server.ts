import "server-only";
import { locateMedia } from "@/lib/media/store";
import { controlImage, resolveControlEndpoint } from "@/lib/providers/control";
import type { QueueServerTask } from "../server-types";
import { imagesOutput, refuseUnsnappedSize } from "../image/server";
import { seedFor } from "../seed";
import { MIN_MAP_SIDE, sizeForMap, type ControlInput } from "./definition";

export const controlServer: QueueServerTask<ControlInput> = {
  prepare(i) {
    const { endpointId, family } = resolveControlEndpoint(i.kind, "control-image", i.model);
    refuseUnsnappedSize(i.imageSize, family);
    return { endpointId, family, seed: seedFor(i.seed), media: [{ url: i.map, field: "map", kind: "image", minSide: MIN_MAP_SIDE }] };
  },
  async run(i, { seed, file, call }) {
    // No size chosen: the map's own aspect ratio, sent outright (FLUX would otherwise paint 4:3 over any map).
    const stored = i.imageSize ? undefined : await locateMedia(i.map);
    const imageSize = i.imageSize ?? (stored?.width && stored.height ? sizeForMap(stored.width, stored.height) : undefined);
    const result = await controlImage(
      {
        kind: i.kind, map: file(i.map), prompt: i.prompt, negativePrompt: i.negativePrompt, imageSize, strength: i.strength,
        steps: i.steps, guidance: i.guidance, seed: seed ?? undefined, numImages: i.numImages,
      },
      call,
    );
    return imagesOutput(result);
  },
};
