import { BeforeAfter, ImageGrid } from "./result-parts";
import { promptOf } from "@/components/job/format";
import type { InpaintInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const inpaintView: TaskView = {
  Result: ({ job, variant }) =>
    variant === "public" ? (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />
    ) : (
      <BeforeAfter originalUrl={(job.input as InpaintInput).image} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} job={job} testId="inpaint-compare" />
    ),
};
