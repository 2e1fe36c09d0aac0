import { TextAnswer } from "@/components/text/text-answer";
import type { TaskView } from "./views";

export const textView: TaskView = {
  Result: ({ job }) => <TextAnswer text={job.text ?? ""} reasoning={job.reasoning} usage={job.usage} />,
};
