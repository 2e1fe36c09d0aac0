import "server-only";
import { generateImage, editImage, type ImageResult } from "@/lib/providers/image";
import { resolveEndpoint } from "@/lib/providers/call";
import { sizeMultipleErrors, sizeMultipleOf, type Family, type ImageSize } from "@/lib/providers/catalog";
import { AppError } from "@/lib/errors";
import type { ImageInput } from "./definition";
import type { QueueServerTask, TaskOutput } from "../server-types";
import { seedFor } from "../seed";

export const imagesOutput = (r: ImageResult): TaskOutput => ({ files: r.images.map((file) => ({ file, kind: "image" })), seed: r.seed });

/** A custom size the model cannot paint is refused by field, as the form words it (it snaps sizes on blur). */
export function refuseUnsnappedSize(size: ImageSize | undefined, family: Family): void {
  const multiple = sizeMultipleOf(family);
  const errors = multiple ? sizeMultipleErrors(size, multiple) : {};
  const first = Object.values(errors)[0];
  if (first) throw new AppError("validation", first, errors);
}

export const imageServer: QueueServerTask<ImageInput> = {
  prepare(i) {
    const { endpointId, family } = resolveEndpoint(i.sourceImage ? "image-to-image" : "text-to-image", i.model);
    if (!i.sourceImage) refuseUnsnappedSize(i.imageSize, family);
    return { endpointId, family, seed: seedFor(i.seed), media: i.sourceImage ? [{ url: i.sourceImage, field: "sourceImage", kind: "image" }] : [] };
  },
  async run(i, { seed, file, call }) {
    const sampling = { steps: i.steps, guidance: i.guidance, seed: seed ?? undefined, numImages: i.numImages };
    const result = i.sourceImage
      ? await editImage({ prompt: i.prompt, image: file(i.sourceImage), strength: i.strength, ...sampling }, call)
      : await generateImage({ prompt: i.prompt, imageSize: i.imageSize, ...sampling }, call);
    return imagesOutput(result);
  },
};
