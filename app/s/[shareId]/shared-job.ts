import "server-only";
import { cache } from "react";
import { SHARE_ID_PATTERN } from "@/lib/jobs/actions";
import { getJobByShareId } from "@/lib/jobs/repository";

/**
 * The shared job, or undefined for a malformed, unknown or withdrawn share id. One read per request.
 * Its webhook (the owner's receiver, maybe with a token in the URL) is not part of what is shared.
 */
export const sharedJob = cache(async (shareId: string) => {
  if (!SHARE_ID_PATTERN.test(shareId)) return undefined;
  const job = await getJobByShareId(shareId);
  return job && job.status === "done" && job.shareId === shareId ? { ...job, webhook: null } : undefined;
});
