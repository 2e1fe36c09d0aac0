import { processSingleton } from "@/lib/process-singleton";

/**
 * Jobs this process is working on right now (polling a provider, or streaming a draft), so the
 * sweeper that resumes interrupted jobs never takes up one that is still alive here.
 */
const ids = () => processSingleton("jobs-driving", () => new Set<string>());

export const isDriving = (id: string) => ids().has(id);
export const drivingAny = () => ids().size > 0;

/** Marks `id` as driven until `work` settles; false (and no work) if it already is. */
export async function whileDriving(id: string, work: () => Promise<void>): Promise<boolean> {
  if (ids().has(id)) return false;
  ids().add(id);
  try {
    await work();
  } finally {
    ids().delete(id);
  }
  return true;
}
