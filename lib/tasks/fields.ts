/** Input fields several tasks share, with the messages the forms show. Client-safe. */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";
import { NEGATIVE_MAX, PROMPT_MAX } from "./limits";

export { mediaUrlSchema } from "./media-url";

export const promptField = z.string().trim().min(1, "Describe what you want").max(PROMPT_MAX, `Keep the prompt under ${PROMPT_MAX} characters`);
export const negativePromptField = z.string().trim().max(NEGATIVE_MAX, `Keep it under ${NEGATIVE_MAX} characters`).optional();
const SEED_MAX = 2 ** 32 - 1;
const SEED_RANGE = `Seed must be a whole number from 0 to ${SEED_MAX}`;
// One message for every way a seed can be wrong, rather than zod's "expected int to be <=…".
export const seedField = z.number({ error: SEED_RANGE }).int(SEED_RANGE).min(0, SEED_RANGE).max(SEED_MAX, SEED_RANGE).nullable().optional();
/** A language model as `<vendor>:<model>` (lib/providers/text-model.ts). */
export const textModelField = z.string().regex(/^(openai|openrouter):[\w.:-]+(\/[\w.:-]+)*$/, "Pick one of the listed models").max(200, "Pick one of the listed models");
export const modelField = z.string().regex(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/, "unknown model").optional();
export const stepsField = (fallback: number) => z.number().int().min(1, "At least 1 step").max(50, "At most 50 steps").default(fallback);
export const guidanceField = (fallback: number) => z.number().min(0).max(20).default(fallback);
export const strengthField = z.number().min(0.01).max(1).default(0.85);
export const numImagesField = z.number().int().min(1).max(4, "At most 4 images").default(1);
