import "server-only";
import { inpaint } from "@/lib/local-engine/media/inpaint";
import { imageOutputs, n, readImageInput } from "@/lib/local-engine/fal/io";
import { logDenoising } from "@/lib/local-engine/fal/progress";
import { FLUX_STEPS } from "../image/engine";
import type { LocalGenerators } from "../server-types";
import { seedFor } from "../seed";

export const inpaintEngine: LocalGenerators<"flux-inpaint"> = {
  async "flux-inpaint"(i, ctx) {
    const [{ data: image, width, height }, { data: mask }] = await Promise.all([
      readImageInput(i.image_url, "image_url", "flux-inpaint"),
      readImageInput(i.mask_url, "mask_url", "flux-inpaint"),
    ]);
    const seed = seedFor(i.seed);
    logDenoising(ctx, i.num_inference_steps ?? FLUX_STEPS);
    // One after another: each holds the whole image in memory several times over.
    const pngs: Buffer[] = [];
    for (const index of n(i.num_images)) {
      pngs.push(await inpaint({ image, mask, prompt: i.prompt, seed, strength: i.strength, index, signal: ctx.signal }));
    }
    const images = await imageOutputs(ctx, pngs, i.output_format ?? "png", width, height);
    return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: {} };
  },
};
