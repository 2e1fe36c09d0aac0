import { PictureThumb } from "@/components/history/thumbs";
import { promptOf } from "@/components/job/format";
import { BeforeAfter } from "@/components/job/before-after";
import { ImageGrid } from "@/components/job/media-results";
import type { ImageInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const imageView: TaskView = {
  Result: ({ job, variant }) => {
    const source = (job.input as ImageInput).sourceImage;
    return source && variant === "studio" ? (
      <BeforeAfter originalUrl={source} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />
    ) : (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />
    );
  },
  Thumb: ({ job }) => <PictureThumb outputs={job.outputs} />,
};
