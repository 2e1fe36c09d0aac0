import "server-only";
import { cache } from "react";
import { SHARE_ID_PATTERN } from "@/lib/jobs/actions";
import { getJobByShareId } from "@/lib/jobs/repository";

/** The shared job, or undefined for a malformed, unknown or withdrawn share id. One read per request. */
export const sharedJob = cache(async (shareId: string) => {
  if (!SHARE_ID_PATTERN.test(shareId)) return undefined;
  const job = await getJobByShareId(shareId);
  return job && job.status === "done" && job.shareId === shareId ? job : undefined;
});
