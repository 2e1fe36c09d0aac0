// First: the catalog builds zod schemas as it loads, and zod probes for eval then (a CSP violation).
import "@/lib/client/zod-csp";
import { MAX_IMAGE_INPUT_PIXELS, pixelLimitExceeded } from "@/lib/providers/catalog";
import { renderPose, type Pose, type PoseCanvas } from "@/lib/pose/skeleton";

/** Why a control map of this size can't be made, or undefined when it can. */
export function poseMapSizeError(width: number, height: number): string | undefined {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    return `A control map needs a whole positive size in pixels, got ${width}×${height}.`;
  }
  // The map is uploaded as a model input, so the inputs' cap applies; it is checked before allocating.
  return pixelLimitExceeded(width, height, MAX_IMAGE_INPUT_PIXELS, "a pose control map");
}

/**
 * The pose as an OpenPose control map: a `width`×`height` PNG drawn offscreen, independent of how
 * large the editor is on screen. Browser only (needs a canvas).
 */
export async function renderPoseMap(pose: Pose, width: number, height: number): Promise<Blob> {
  const error = poseMapSizeError(width, height);
  if (error) throw new RangeError(error);
  const { ctx, encode } = pngCanvas(width, height);
  renderPose(ctx, pose, width, height);
  return encode();
}

function pngCanvas(width: number, height: number): { ctx: PoseCanvas; encode(): Promise<Blob> } {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext("2d");
    if (ctx) return { ctx, encode: () => canvas.convertToBlob({ type: "image/png" }) };
  }
  // Safari before 16.4 has no 2D OffscreenCanvas; a detached <canvas> does the same.
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("Canvas is not available in this browser.");
  return {
    ctx,
    encode: () =>
      new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("Couldn't encode the pose map as PNG."))), "image/png"),
      ),
  };
}
