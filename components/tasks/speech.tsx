import { SpeechResult } from "@/components/speech/speech-result";
import type { SpeechInput } from "@/lib/jobs/schema";
import { voiceLabel } from "@/lib/tasks/speech/definition";
import type { TaskView } from "./views";

export const speechView: TaskView = {
  Result: ({ job, variant }) => {
    const input = job.input as SpeechInput;
    const output = job.outputs[0];
    return output ? <SpeechResult output={output} text={input.text} voice={voiceLabel(job.endpointId, input.voice)} studio={variant === "studio"} /> : null;
  },
};
