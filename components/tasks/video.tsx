import { promptOf } from "@/components/job/format";
import { VideoPlayer } from "@/components/job/video-player";
import type { TaskView } from "./views";

export const videoView: TaskView = {
  Result: ({ job, variant }) => (job.outputs[0] ? <VideoPlayer output={job.outputs[0]} prompt={promptOf(job)} seed={job.seed} studio={variant === "studio"} /> : null),
};
