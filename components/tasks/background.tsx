import { BeforeAfter } from "@/components/job/before-after";
import { promptOf } from "@/components/job/format";
import { ImageGrid } from "@/components/job/image-grid";
import type { BackgroundInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const backgroundView: TaskView = {
  // The share page shows only what was made; the job page sets it beside the original.
  Result: ({ job, variant }) =>
    variant === "public" ? (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} kind="cutout" />
    ) : (
      <BeforeAfter originalUrl={(job.input as BackgroundInput).image} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} kind="cutout" job={job} testId="background-result" />
    ),
};
