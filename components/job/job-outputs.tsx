import { TASK_VIEWS } from "@/components/tasks/registry";
import type { JobRecord } from "@/lib/jobs/schema";

/** What a finished job made, as its task shows it: `studio` on the job page, `public` on the share page. */
export function JobOutputs({ job, variant }: { job: JobRecord; variant: "studio" | "public" }) {
  const { Result } = TASK_VIEWS[job.task];
  return <Result job={job} variant={variant} />;
}
