import { BeforeAfter } from "@/components/job/before-after";
import { promptOf } from "@/components/job/format";
import { ImageGrid } from "@/components/job/image-grid";
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
