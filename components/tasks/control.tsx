import { BeforeAfter } from "@/components/job/before-after";
import { promptOf } from "@/components/job/format";
import { ImageGrid } from "@/components/job/image-grid";
import type { ControlInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const controlView: TaskView = {
  // The share page shows only what was made; the job page sets it against the map it followed.
  Result: ({ job, variant }) =>
    variant === "public" ? (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} kind="control" />
    ) : (
      <BeforeAfter originalUrl={(job.input as ControlInput).map} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} kind="control" job={job} beforeLabel="Control map" testId="control-result" />
    ),
};
