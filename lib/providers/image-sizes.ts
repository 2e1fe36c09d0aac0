/**
 * Image sizes as fal takes them, presets and explicit pixels, without zod: the size picker loads this
 * module with the page. Their schema is ./image-size.ts.
 */
export const IMAGE_SIZE_PRESETS = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
} as const;
export type ImageSizePreset = keyof typeof IMAGE_SIZE_PRESETS;

export const presetNames = Object.keys(IMAGE_SIZE_PRESETS) as [ImageSizePreset, ...ImageSizePreset[]];

export const MIN_SIDE = 64;
export const MAX_SIDE = 2048;
/** `image_size` as fal takes it: a preset name or explicit pixels. */
export type ImageSize = ImageSizePreset | { width: number; height: number };

/** The nearest multiple of `multiple` to a side typed in pixels; sides out of range are left for the range check. */
export function snapSide(px: number, multiple: number): number {
  if (px < MIN_SIDE || px > MAX_SIDE) return px;
  return Math.min(MAX_SIDE, Math.max(MIN_SIDE, Math.round(px / multiple) * multiple));
}

/**
 * A custom size's sides that are not a multiple of the model's block, keyed by field as the form
 * shows them (`imageSize.width`, `imageSize.height`); empty when it fits. The form snaps on blur,
 * the server refuses what still does not fit, with the same words.
 */
export function sizeMultipleErrors(size: ImageSize | undefined, multiple: number): Record<string, string> {
  if (!size || typeof size === "string") return {};
  const errors: Record<string, string> = {};
  for (const side of ["width", "height"] as const) {
    const px = size[side];
    if (px % multiple !== 0) errors[`imageSize.${side}`] = `This model takes multiples of ${multiple} px; ${snapSide(px, multiple)} is the nearest`;
  }
  return errors;
}

export function resolveImageSize(size: ImageSize | undefined, fallback: ImageSizePreset = "landscape_4_3") {
  const s = size ?? fallback;
  return typeof s === "string" ? IMAGE_SIZE_PRESETS[s] : s;
}
