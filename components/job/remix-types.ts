import type { UploadedFile } from "@/hooks/use-upload";

/**
 * A finished job's settings handed to its generator page (`?remix=<id>`): the input as it was sent,
 * the model that ran it, and its media as already-uploaded files (no new upload needed).
 */
export type Remix<I> = {
  jobId: string;
  createdAt: string;
  /** The input, with the seed that was actually used (fixed, so the result can be reproduced). */
  input: I;
  model: string;
  media: Partial<Record<string, UploadedFile>>;
  /** Media the job used that are no longer stored (deleted since), by label. */
  missing: string[];
};
