import { TranscriptView } from "@/components/transcribe/transcript-view";
import type { TranscribeInput } from "@/lib/jobs/schema";
import type { TaskView } from "./views";

export const transcribeView: TaskView = {
  Result: ({ job, variant }) => (
    <TranscriptView
      text={job.text}
      segments={job.segments ?? []}
      audioUrl={variant === "studio" ? (job.input as TranscribeInput).audio : undefined}
      fileBase={`transcript-${job.createdAt.slice(0, 10)}`}
      studio={variant === "studio"}
    />
  ),
};
