import { isTerminal, type JobRecord } from "@/lib/jobs/schema";
import { sleep } from "@/lib/sleep";

/** Follows a job by reading its record every `everyMs` until it ends, telling each change (Studio.wait). */
export async function watchJob(read: (id: string) => Promise<JobRecord>, id: string, everyMs: number, onChange?: (job: JobRecord) => void, signal?: AbortSignal): Promise<JobRecord> {
  let seen = "";
  for (;;) {
    const job = await read(id);
    if (job.updatedAt !== seen) {
      seen = job.updatedAt;
      onChange?.(job);
    }
    if (isTerminal(job.status)) return job;
    await sleep(everyMs, signal);
    signal?.throwIfAborted();
  }
}
