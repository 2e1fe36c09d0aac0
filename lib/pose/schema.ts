// First: zod probes for eval when a schema is built, which the pages' CSP reports as a violation.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { KEYPOINT_NAMES } from "./skeleton";

// Apart from the skeleton, which the pose editor loads with the page: this would bring zod with it.
const coordinate = z.number().min(0).max(1);
export const keypointSchema = z.object({ x: coordinate, y: coordinate });
/** Every keypoint must be present (as a point or null), so a stored pose can't silently lose one. */
export const poseSchema = z.record(z.enum(KEYPOINT_NAMES), keypointSchema.nullable());
