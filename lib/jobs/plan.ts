import "server-only";
import { AppError } from "@/lib/errors";
import { FAMILIES, type Family, type Mode, type Supports } from "@/lib/providers/catalog";
import { configuredEndpoints, modelsFor } from "@/lib/providers/models";
import type { GenerationInput } from "./schema";

/**
 * Turns what a person asked for into one endpoint call: which endpoint, and the input in that
 * endpoint's own field names. Media are named by field so the runner can upload them first.
 */

export type Plan = {
  mode: Mode;
  endpointId: string;
  family: Family;
  /** Studio media the provider must be able to read, by the endpoint field they fill, with the form field they came from. */
  media: Record<string, { url: string; field: string; kind: "image" | "audio" }>;
  /** The endpoint input without the media fields. */
  input: Record<string, unknown>;
};

export function modeOf(input: GenerationInput): Mode {
  switch (input.task) {
    case "image": return input.sourceImage ? "image-to-image" : "text-to-image";
    case "inpaint": return "inpaint";
    case "video": return input.startImage ? "image-to-video" : "text-to-video";
    case "transcribe": return "speech-to-text";
  }
}

function chooseEndpoint(mode: Mode, requested?: string) {
  const models = modelsFor(mode);
  const id = requested ?? configuredEndpoints()[mode];
  const entry = models.find((m) => m.id === id);
  if (!entry) throw new AppError("validation", `${id} is not a ${mode} model this studio offers.`, { model: "Pick one of the listed models" });
  return entry;
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);

export function planJob(input: GenerationInput): Plan {
  const mode = modeOf(input);
  const entry = chooseEndpoint(mode, input.model);
  const supports: Supports = FAMILIES[entry.family].supports;
  const base = { mode, endpointId: entry.id, family: entry.family };
  // A seed is always sent, so the record can say which one made the result.
  const seed = input.task === "transcribe" ? undefined : (input.seed ?? randomSeed());

  switch (input.task) {
    case "image":
      return {
        ...base,
        media: input.sourceImage ? { image_url: { url: input.sourceImage, field: "sourceImage", kind: "image" } } : {},
        input: {
          prompt: input.prompt,
          ...(input.sourceImage ? { strength: input.strength } : { image_size: input.imageSize }),
          num_inference_steps: input.steps,
          guidance_scale: input.guidance,
          seed,
          num_images: input.numImages,
          enable_safety_checker: true,
          output_format: "png",
        },
      };
    case "inpaint":
      return {
        ...base,
        media: { image_url: { url: input.image, field: "image", kind: "image" }, mask_url: { url: input.mask, field: "mask", kind: "image" } },
        input: {
          prompt: input.prompt,
          ...(input.negativePrompt ? { negative_prompt: input.negativePrompt } : {}),
          num_inference_steps: input.steps,
          guidance_scale: input.guidance,
          strength: input.strength,
          seed,
          num_images: input.numImages,
          enable_safety_checker: true,
          output_format: "png",
        },
      };
    case "video": {
      const durations = supports.duration;
      const aspects = supports.aspectRatio;
      if (input.duration && durations && !durations.includes(input.duration)) {
        throw new AppError("validation", `This model makes clips of ${durations.join(", ")} seconds.`, { duration: `Choose ${durations.join(", ")} s` });
      }
      if (input.aspectRatio && aspects && !aspects.includes(input.aspectRatio)) {
        throw new AppError("validation", `This model supports ${aspects.join(", ")}.`, { aspectRatio: `Choose ${aspects.join(", ")}` });
      }
      const isKling = entry.family.startsWith("kling");
      return {
        ...base,
        media: input.startImage ? { image_url: { url: input.startImage, field: "startImage", kind: "image" } } : {},
        input: {
          prompt: input.prompt,
          ...(supports.negativePrompt && input.negativePrompt ? { negative_prompt: input.negativePrompt } : {}),
          ...(durations ? { duration: input.duration ?? durations[0] } : {}),
          ...(aspects ? { aspect_ratio: input.aspectRatio ?? aspects[0] } : {}),
          ...(supports.steps ? { num_inference_steps: input.steps } : {}),
          ...(supports.guidance ? { guidance_scale: input.guidance } : {}),
          ...(isKling ? { cfg_scale: Math.min(1, input.guidance / 10) } : {}),
          ...(supports.seed ? { seed } : {}),
        },
      };
    }
    case "transcribe":
      return {
        ...base,
        media: { audio_url: { url: input.audio, field: "audio", kind: "audio" } },
        input: { task: input.mode, chunk_level: "segment", ...(input.language ? { language: input.language } : {}) },
      };
  }
}
