import "./zod-csp";
import { z } from "zod";
import { jobRecordSchema } from "@/lib/jobs/schema";

/**
 * The schemas the browser reads the API's answers with. lib/client/api.ts loads this module with
 * the first answer it reads, so zod and every task's schema are not part of the pages' first load.
 */
export { errorBodySchema } from "@/lib/error-body";
export { jobRecordSchema };

export const historyPageSchema = z.object({ jobs: z.array(jobRecordSchema), nextCursor: z.string().nullable() });
