import "server-only";
import { resolveImageSize } from "@/lib/providers/catalog";
import { renderImage } from "@/lib/local-engine/media/image";
import { imageOutputs, n, readImageInput } from "@/lib/local-engine/fal/io";
import { logDenoising } from "@/lib/local-engine/fal/progress";
import type { LocalGenerators } from "../server-types";
import { seedFor } from "../seed";

/** FLUX [dev]'s sampling steps when the input names none. */
export const FLUX_STEPS = 28;

export const imageEngine: LocalGenerators<"flux-text-to-image" | "flux-image-to-image"> = {
  async "flux-text-to-image"(i, ctx) {
    const { width, height } = resolveImageSize(i.image_size);
    const seed = seedFor(i.seed);
    const started = Date.now();
    logDenoising(ctx, i.num_inference_steps ?? FLUX_STEPS);
    const pngs = await Promise.all(n(i.num_images).map((index) => renderImage({ prompt: i.prompt, width, height, seed, index })));
    const images = await imageOutputs(ctx, pngs, i.output_format ?? "jpeg", width, height);
    return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: { inference: (Date.now() - started) / 1000 } };
  },
  async "flux-image-to-image"(i, ctx) {
    const { data: source, width, height } = await readImageInput(i.image_url, "image_url", "flux-image-to-image");
    const seed = seedFor(i.seed);
    logDenoising(ctx, i.num_inference_steps ?? FLUX_STEPS);
    const pngs = await Promise.all(
      n(i.num_images).map((index) =>
        renderImage({ prompt: i.prompt, width, height, seed, index, source: { data: source, strength: i.strength ?? 0.95 }, signal: ctx.signal }),
      ),
    );
    const images = await imageOutputs(ctx, pngs, i.output_format ?? "jpeg", width, height);
    return { images, seed, prompt: i.prompt, has_nsfw_concepts: images.map(() => false), timings: {} };
  },
};
