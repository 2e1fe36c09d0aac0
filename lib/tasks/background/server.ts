import "server-only";
import { removeBackground, replaceBackground } from "@/lib/providers/background";
import { resolveEndpoint } from "@/lib/providers/call";
import type { BackgroundInput } from "./definition";
import type { QueueServerTask } from "../server-types";
import { imagesOutput } from "../image/server";
import { seedFor } from "../seed";

export const backgroundServer: QueueServerTask<BackgroundInput> = {
  prepare(i) {
    const replace = i.mode === "replace";
    const { endpointId, family } = resolveEndpoint(replace ? "replace-background" : "remove-background", i.model);
    // Removal is not sampled: the same image gives the same cut-out, with no seed to report.
    return { endpointId, family, seed: replace ? seedFor(i.seed) : null, media: [{ url: i.image, field: "image", kind: "image" }] };
  },
  async run(i, { seed, file, call }) {
    if (i.mode === "remove") {
      const { image } = await removeBackground({ image: file(i.image) }, call);
      return { files: [{ file: image, kind: "image" }], seed: null };
    }
    const result = await replaceBackground(
      { image: file(i.image), prompt: i.prompt!, negativePrompt: i.negativePrompt, seed: seed ?? undefined, numImages: i.numImages },
      call,
    );
    return imagesOutput(result);
  },
};
