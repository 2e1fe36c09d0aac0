import type { ReactNode } from "react";
import type { JobRecord } from "@/lib/jobs/schema";

/** How a task's jobs look: its finished result (job and share pages) and its history thumbnail. */
export type TaskView = {
  /** `studio` is the job page (with the inputs beside the result); `public` is the share page. */
  Result: (props: { job: JobRecord; variant: "studio" | "public" }) => ReactNode;
  /** null when the job has nothing to show (the card then shows its state). */
  Thumb: (props: { job: JobRecord }) => ReactNode;
};
