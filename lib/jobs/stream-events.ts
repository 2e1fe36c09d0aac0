/** The events every streamed job starts and fails with (lib/jobs/stream-job.ts). Client-safe. */
// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "@/lib/client/zod-csp";
import { z } from "zod";

export const jobEventSchema = z.object({ type: z.literal("job"), id: z.string(), engine: z.string(), model: z.string() });
export const errorEventSchema = z.object({ type: z.literal("error"), message: z.string() });
