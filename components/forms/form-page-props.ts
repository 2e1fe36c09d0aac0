import type { ReactNode } from "react";
import type { FormStart } from "@/hooks/use-form-draft";
import type { DraftPage } from "@/lib/client/draft-schemas";

/** What every generator page hands its form besides its models, all of it worked out or rendered on the server. */
export type FormPageProps<P extends DraftPage> = {
  /** The form's defaults and what a seed (?remix=, or a result handed on) fills in: ./form-start.ts beside each form. */
  formStart: FormStart<P>;
  /** The remix note (see RemixNote). */
  note?: ReactNode;
  /** Where the results will appear, before there are any (see FeedEmpty). */
  empty: ReactNode;
};
