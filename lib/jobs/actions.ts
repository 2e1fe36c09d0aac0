import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { removeMedia } from "@/lib/media/store";
import { parseMediaName } from "@/lib/media/types";
import { deleteJob, getJob, mediaInUse, updateJob } from "./repository";
import { isTerminal, type JobRecord } from "./schema";

/** Share, unshare and delete: what a person does to a finished job. */

/** 144 random bits, URL-safe: unguessable, and unrelated to the job id. */
export const newShareId = () => randomBytes(18).toString("base64url");
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export async function share(id: string): Promise<JobRecord> {
  const job = await updateJob(id, (j) => {
    if (j.status !== "done") throw new AppError("conflict", "Only finished jobs can be shared.");
    j.shareId ??= newShareId();
  });
  if (!job) throw new AppError("not_found", "No such job.");
  return job;
}

export async function unshare(id: string): Promise<JobRecord> {
  const job = await updateJob(id, (j) => {
    j.shareId = null;
  });
  if (!job) throw new AppError("not_found", "No such job.");
  return job;
}

const mediaUrlsOf = (job: JobRecord) => [...new Set(JSON.stringify(job).match(/\/api\/media\/[a-f0-9]{64}\.[a-z0-9]{2,5}/g) ?? [])];

/** Deletes a finished job, and every stored file no other job still uses. */
export async function remove(id: string): Promise<void> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  if (!isTerminal(job.status)) throw new AppError("conflict", "Cancel the job before deleting it.");
  if (!(await deleteJob(id))) throw new AppError("not_found", "No such job.");
  for (const url of mediaUrlsOf(job)) {
    const name = parseMediaName(url);
    if (name && !(await mediaInUse(name.sha256))) await removeMedia(url);
  }
}
