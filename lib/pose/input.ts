/**
 * How pointers and keys map onto a pose in the editor. Pure, so it is unit-tested in node.
 */
import type { Keypoint } from "./skeleton";

/** Grab distance in CSS px: a fingertip covers far more than a mouse pointer, a pen sits between. */
export function hitRadius(pointerType: string): number {
  if (pointerType === "touch") return 28;
  if (pointerType === "pen") return 20;
  return 14;
}

/** A pointer at `client` over the editor's frame `rect`, in the pose's normalised coordinates (not clamped). */
export function frameFromClient(client: { x: number; y: number }, rect: { left: number; top: number; width: number; height: number }): Keypoint | null {
  if (!(rect.width > 0 && rect.height > 0)) return null;
  return { x: (client.x - rect.left) / rect.width, y: (client.y - rect.top) / rect.height };
}

/** Share of the frame one arrow press moves a joint; Shift moves it further. */
export const NUDGE = 0.01;
export const LARGE_NUDGE = 0.05;

/** The move for an arrow key, or null for any other key. */
export function nudgeFromKey(key: string, shiftKey = false): { dx: number; dy: number } | null {
  const step = shiftKey ? LARGE_NUDGE : NUDGE;
  switch (key) {
    case "ArrowLeft":
      return { dx: -step, dy: 0 };
    case "ArrowRight":
      return { dx: step, dy: 0 };
    case "ArrowUp":
      return { dx: 0, dy: -step };
    case "ArrowDown":
      return { dx: 0, dy: step };
    default:
      return null;
  }
}
