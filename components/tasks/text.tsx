import { QuoteThumb } from "@/components/history/thumbs";
import { TextAnswer } from "@/components/text/text-answer";
import { markdownToPlain } from "@/lib/text/markdown";
import type { TaskView } from "./views";

export const textView: TaskView = {
  Result: ({ job }) => <TextAnswer text={job.text ?? ""} reasoning={job.reasoning} usage={job.usage} />,
  Thumb: ({ job }) => <QuoteThumb text={job.text ? markdownToPlain(job.text).trim() : undefined} empty="No text was written." />,
};
