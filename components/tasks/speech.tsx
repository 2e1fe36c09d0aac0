import { frame, Length } from "@/components/history/thumbs";
import { excerpt, formatClock } from "@/components/job/format";
import { SpeechResult } from "@/components/speech/speech-result";
import { SpeakerIcon } from "@/components/ui/icons";
import type { SpeechInput } from "@/lib/jobs/schema";
import { voiceLabel } from "@/lib/tasks/speech/definition";
import { cn } from "@/lib/cn";
import type { TaskView } from "./views";

export const speechView: TaskView = {
  Result: ({ job, variant }) => {
    const input = job.input as SpeechInput;
    const output = job.outputs[0];
    return output ? <SpeechResult output={output} text={input.text} voice={voiceLabel(job.endpointId, input.voice)} studio={variant === "studio"} /> : null;
  },
  Thumb: ({ job }) => {
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
};
