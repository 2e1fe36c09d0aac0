import "server-only";
import { z } from "zod";
import type { JobOptions } from "@/lib/agent/studio";
import { env } from "@/lib/env";
import { checkTargetForm } from "@/lib/http/public-address";
import type { JobRecord } from "@/lib/jobs/schema";

/** What a caller may ask beside a job's input (POST /api/jobs, /api/text, /api/prompts take it in the same body). */
export const jobOptionsSchema = z.object({
  webhookUrl: z.string().trim().max(2048, "Keep the URL under 2048 characters").optional(),
});

/** The record's webhook for the options, refused by field when the URL can never be a target. */
export function webhookOf(opts: JobOptions): JobRecord["webhook"] {
  if (!opts.webhookUrl) return null;
  const url = checkTargetForm(opts.webhookUrl, { allowPrivate: env().STUDIO_WEBHOOK_ALLOW_PRIVATE });
  return { url: url.href, state: "pending", attempts: [] };
}
