import { PictureThumb } from "@/components/history/thumbs";
import { promptOf } from "@/components/job/format";
import { ImageGrid } from "@/components/job/media-results";
import type { TaskView } from "./views";

export const imageView: TaskView = {
  Result: ({ job }) => <ImageGrid outputs={job.outputs} prompt={promptOf(job)} seed={job.seed} />,
  Thumb: ({ job }) => <PictureThumb outputs={job.outputs} />,
};
