import type { ReactNode } from "react";
import type { JobRecord } from "@/lib/jobs/schema";

/** How a task's finished result looks (job and share pages); its history thumbnail is in ./thumbs. */
export type TaskView = {
  /** `studio` is the job page (with the inputs beside the result); `public` is the share page. */
  Result: (props: { job: JobRecord; variant: "studio" | "public" }) => ReactNode;
};
