import type { ImageSizePreset } from "./image-sizes";

/** The presets' names as people read them; a module of its own, so a page that only works out a preset's pixels (Control's drawn map) does not load them. */
export const IMAGE_SIZE_LABELS: Record<ImageSizePreset, string> = {
  square_hd: "Square HD",
  square: "Square",
  portrait_4_3: "Portrait 3:4",
  portrait_16_9: "Portrait 9:16",
  landscape_4_3: "Landscape 4:3",
  landscape_16_9: "Landscape 16:9",
};
