import { PictureThumb } from "@/components/history/thumbs";
import { InpaintCompare } from "@/components/inpaint/inpaint-compare";
import { promptOf } from "@/components/job/format";
import { ImageGrid } from "@/components/job/media-results";
import type { InpaintInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const inpaintView: TaskView = {
  Result: ({ job, variant }) =>
    variant === "public" ? (
      <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />
    ) : (
      <InpaintCompare originalUrl={(job.input as InpaintInput).image} outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />
    ),
  Thumb: ({ job }) => <PictureThumb outputs={job.outputs} />,
};
