import type { ReactNode } from "react";
import { frame, Length, PictureThumb, QuoteThumb, TitledThumb, VideoThumb } from "@/components/history/thumbs";
import { excerpt, formatClock } from "@/components/job/format";
import { SpeakerIcon } from "@/components/ui/icons";
import type { JobRecord, SpeechInput } from "@/lib/jobs/schema";
import type { Task } from "@/lib/tasks/registry";
import { cn } from "@/lib/cn";
import { markdownToPlain } from "@/lib/text/markdown";

/**
 * Every task's history thumbnail, null when the job has nothing to show (the card then shows its
 * state). Apart from the tasks' results (./registry): History shows only these, and the results
 * (players, compare sliders, transcripts) would otherwise load with it.
 */
export type TaskThumb = (props: { job: JobRecord }) => ReactNode;

const picture: TaskThumb = ({ job }) => <PictureThumb outputs={job.outputs} />;

export const TASK_THUMBS: { [T in Task]: TaskThumb } = {
  image: picture,
  inpaint: picture,
  video: ({ job }) => <VideoThumb output={job.outputs[0]} />,
  transcribe: ({ job }) => <QuoteThumb text={job.text?.trim() || job.segments?.map((s) => s.text).join(" ").trim()} empty="No speech was recognised." />,
  background: picture,
  speech: ({ job }) => {
    const length = formatClock(job.outputs[0]?.durationSec);
    const text = (job.input as SpeechInput).text;
    return (
      <div className={cn(frame, "flex flex-col gap-3 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
        <SpeakerIcon size={22} className="text-violet-300/80" />
        <p className={cn("line-clamp-5 leading-relaxed", text.length < 90 ? "text-lg leading-snug text-zinc-100" : "text-sm text-zinc-200")}>{excerpt(text, 260)}</p>
        {length ? <Length text={length} /> : null}
      </div>
    );
  },
  control: picture,
  prompts: ({ job }) => {
    const [first, ...rest] = job.prompts ?? [];
    if (!first) return null;
    return <TitledThumb title={first.title} body={first.prompt} more={rest.length > 0 ? `+${rest.length} more prompt${rest.length === 1 ? "" : "s"}` : undefined} />;
  },
  text: ({ job }) => <QuoteThumb text={job.text ? markdownToPlain(job.text).trim() : undefined} empty="No text was written." />,
};
