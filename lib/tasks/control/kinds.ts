import type { ControlKind } from "@/lib/providers/wire/control";

/** The control task's plain data, without zod: what the form needs as the page loads. */

export const CONTROL_KIND_LABELS: Record<ControlKind, string> = { pose: "Pose", depth: "Depth", edges: "Edges" };

/** The models' working size: about a megapixel. */
const TARGET_PIXELS = 1024 * 1024;

/** The picture size that keeps a map's aspect ratio: about a megapixel, in multiples of 8, each side 64–2048 px. */
export function sizeForMap(width: number, height: number): { width: number; height: number } {
  const scale = Math.sqrt(TARGET_PIXELS / (width * height));
  const side = (v: number) => Math.min(2048, Math.max(64, Math.round((v * scale) / 8) * 8));
  return { width: side(width), height: side(height) };
}
