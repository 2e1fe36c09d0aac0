import "server-only";
import { editImage } from "@/lib/providers/image";
import { resolveEndpoint } from "@/lib/providers/call";
import type { InpaintInput } from "./definition";
import type { QueueServerTask } from "../server-types";
import { imagesOutput } from "../image/server";
import { seedFor } from "../seed";

export const inpaintServer: QueueServerTask<InpaintInput> = {
  prepare(i) {
    const { endpointId, family } = resolveEndpoint("inpaint", i.model);
    return {
      endpointId, family, seed: seedFor(i.seed),
      media: [{ url: i.image, field: "image", kind: "image" }, { url: i.mask, field: "mask", kind: "image" }],
    };
  },
  async run(i, { seed, file, call }) {
    const result = await editImage(
      { prompt: i.prompt, negativePrompt: i.negativePrompt, image: file(i.image), mask: file(i.mask), strength: i.strength, steps: i.steps, guidance: i.guidance, seed: seed ?? undefined, numImages: i.numImages },
      call,
    );
    return imagesOutput(result);
  },
};
