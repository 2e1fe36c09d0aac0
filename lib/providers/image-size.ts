/**
 * The schema of an image size (./image-sizes.ts). In zod/mini, not the full zod: the forms keep a
 * size in their drafts and check it in the browser when they read one back (the catalog and the
 * tasks build on this schema too).
 */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import * as z from "zod/mini";
import { MAX_SIDE, MIN_SIDE, presetNames } from "./image-sizes";

// Not .int(): its failure aborts the object, and the union would then answer a bare "Invalid input"
// instead of each side's own message.
const dimension = z.number({ error: "Enter a size in pixels" }).check(
  z.refine(Number.isInteger, "Use whole pixels"),
  z.minimum(MIN_SIDE, `At least ${MIN_SIDE} px`),
  z.maximum(MAX_SIDE, `At most ${MAX_SIDE} px`),
);
/** `image_size` as fal takes it: a preset name or explicit pixels. */
export const imageSizeSchema = z.union([z.enum(presetNames), z.object({ width: dimension, height: dimension })]);

