import type { UploadedFile } from "@/lib/client/draft-schemas";

/**
 * What a generator page starts with: a finished job's settings (`?remix=<id>`, a {@link Remix}) or
 * a result handed on from another page (`?image=`, `?audio=`, `?text=`, see ./handoff.ts), which
 * fills only the field it lands in. Forms read both the same way: `input.<field>`, `media.<field>`.
 */
export type Seed<I> = {
  /** Tells one seed from another, so a page given a new one starts afresh (its React key). */
  key: string;
  input: Partial<I>;
  /** Files already in the studio, as a form holds an upload (no new upload needed). */
  media: Partial<Record<string, UploadedFile>>;
  /** Set only for a remix: the job it came from, the model that ran it, media no longer stored. */
  jobId?: string;
  createdAt?: string;
  model?: string;
  missing?: string[];
};

/** A finished job's settings handed to its generator page: the input as sent, the model that ran it, its media. */
export type Remix<I> = Seed<I> & {
  jobId: string;
  createdAt: string;
  /** The input, with the seed that was actually used (fixed, so the result can be reproduced). */
  input: I;
  model: string;
  /** Media the job used that are no longer stored (deleted since), by label. */
  missing: string[];
};
