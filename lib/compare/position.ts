/**
 * Pure helpers for the before/after compare slider: where the divider goes for a pointer or a key.
 * Positions are percentages of the frame's width from its left edge (0 = all "after", 100 = all "before").
 */

export const STEP = 5;
export const LARGE_STEP = 10;

const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

/** The divider position under a pointer at `clientX` over an element spanning `rect` horizontally. */
export function positionFromPointer(clientX: number, rect: { left: number; width: number }): number {
  if (!(rect.width > 0)) return 50;
  return clampPercent(((clientX - rect.left) / rect.width) * 100);
}

/**
 * The position after a key press on the slider, or null for keys it doesn't handle. Follows the
 * ARIA slider pattern: arrows step (Shift for a larger step), Page Up/Down step large, Home/End go to the ends.
 */
export function sliderValueFromKey(value: number, key: string, shiftKey = false): number | null {
  const step = shiftKey ? LARGE_STEP : STEP;
  switch (key) {
    case "ArrowLeft":
    case "ArrowDown":
      return clampPercent(value - step);
    case "ArrowRight":
    case "ArrowUp":
      return clampPercent(value + step);
    case "PageDown":
      return clampPercent(value - LARGE_STEP);
    case "PageUp":
      return clampPercent(value + LARGE_STEP);
    case "Home":
      return 0;
    case "End":
      return 100;
    default:
      return null;
  }
}
