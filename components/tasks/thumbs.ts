import type { Thumb } from "@/components/history/thumbs";
import { excerpt, formatClock } from "@/components/job/format";
import type { JobRecord, SpeechInput } from "@/lib/jobs/schema";
import type { Task } from "@/lib/tasks/registry";
import { markdownToPlain } from "@/lib/text/markdown";

/**
 * Every task's history thumbnail, as the few values a card draws (components/history/thumbs.tsx),
 * null when the job has nothing to show (the card then shows its state). Apart from the tasks'
 * results (./registry): History shows only these, and the results (players, compare sliders,
 * transcripts) would otherwise load with it.
 */
export type TaskThumb = (job: JobRecord) => Thumb | null;

const QUOTE_MAX = 260;
/** Words this short are set large. */
const SHORT = 90;

const picture: TaskThumb = (job) => (job.outputs[0] ? { kind: "picture", url: job.outputs[0].url, count: job.outputs.length } : null);

const quote = (text: string | undefined, empty: string): Thumb => ({ kind: "quote", text: text ? excerpt(text, QUOTE_MAX) : undefined, short: !!text && text.length < SHORT, empty });

export const TASK_THUMBS: { [T in Task]: TaskThumb } = {
  image: picture,
  inpaint: picture,
  video: (job) => {
    const output = job.outputs[0];
    return output ? { kind: "video", url: output.url, posterUrl: output.posterUrl, length: formatClock(output.durationSec) } : null;
  },
  transcribe: (job) => quote(job.text?.trim() || job.segments?.map((s) => s.text).join(" ").trim(), "No speech was recognised."),
  background: picture,
  speech: (job) => {
    const text = (job.input as SpeechInput).text;
    return { kind: "speech", text: excerpt(text, QUOTE_MAX), short: text.length < SHORT, length: formatClock(job.outputs[0]?.durationSec) };
  },
  control: picture,
  prompts: (job) => {
    const [first, ...rest] = job.prompts ?? [];
    if (!first) return null;
    return { kind: "titled", title: first.title, body: first.prompt, more: rest.length > 0 ? `+${rest.length} more prompt${rest.length === 1 ? "" : "s"}` : undefined };
  },
  text: (job) => quote(job.text ? markdownToPlain(job.text).trim() : undefined, "No text was written."),
};
