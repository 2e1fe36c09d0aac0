import { promptOf } from "@/components/job/format";
import { BeforeAfter } from "@/components/job/before-after";
import { ImageGrid } from "@/components/job/image-grid";
import type { ImageInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const imageView: TaskView = {
  Result: ({ job, variant }) => {
    const source = (job.input as ImageInput).sourceImage;
    return source && variant === "studio" ? (
      <BeforeAfter originalUrl={source} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} job={job} />
    ) : (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} job={variant === "studio" ? job : undefined} />
    );
  },
};
