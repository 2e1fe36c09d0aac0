import "server-only";
import { AppError } from "@/lib/errors";
import { FAMILIES, type Supports } from "@/lib/providers/catalog";
import { resolveEndpoint } from "@/lib/providers/call";
import { generateVideo } from "@/lib/providers/video";
import type { VideoInput } from "./definition";
import type { QueueServerTask } from "../server-types";
import { seedFor } from "../seed";

export const videoServer: QueueServerTask<VideoInput> = {
  prepare(i) {
    const { endpointId, family } = resolveEndpoint(i.startImage ? "image-to-video" : "text-to-video", i.model);
    const supports: Supports = FAMILIES[family].supports;
    if (i.duration && supports.duration && !supports.duration.includes(i.duration)) {
      throw new AppError("validation", `This model makes clips of ${supports.duration.join(", ")} seconds.`, { duration: `Choose ${supports.duration.join(", ")} s` });
    }
    if (i.aspectRatio && supports.aspectRatio && !supports.aspectRatio.includes(i.aspectRatio)) {
      throw new AppError("validation", `This model supports ${supports.aspectRatio.join(", ")}.`, { aspectRatio: `Choose ${supports.aspectRatio.join(", ")}` });
    }
    return { endpointId, family, seed: supports.seed ? seedFor(i.seed) : null, media: i.startImage ? [{ url: i.startImage, field: "startImage", kind: "image" }] : [] };
  },
  async run(i, { seed, file, call }) {
    const r = await generateVideo(
      { prompt: i.prompt, negativePrompt: i.negativePrompt, startImage: i.startImage ? file(i.startImage) : undefined, duration: i.duration, aspectRatio: i.aspectRatio, steps: i.steps, guidance: i.guidance, seed: seed ?? undefined },
      call,
    );
    return { files: [{ file: r.video, kind: "video" }], seed: r.seed };
  },
};
