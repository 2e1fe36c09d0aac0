/**
 * What every task declares about itself, client-safe: its input, how it reads in the UI (settings,
 * facts, title), which of its fields hold files. The server half (planning, running, the local
 * engine's generators) is in lib/tasks/server.ts, the views in components/tasks/registry.tsx; both
 * are keyed by the same task ids, so the compiler refuses a task that is missing from either.
 */
import type { z } from "zod";
import type { Supports } from "@/lib/providers/catalog";

export type Setting = { label: string; value: string; mono?: boolean; long?: boolean };
/**
 * `takes` names the optional field a setting belongs to (catalog `supports`): a job stores the
 * form's defaults for every field, so a model that does not take it must not be shown to have used it.
 */
export type AddSetting = (label: string, value: string | number | undefined | null, extra?: Partial<Setting> & { takes?: keyof Supports }) => void;

export type MediaField<I> = {
  /** The input field holding the file's studio URL. */
  field: keyof I & string;
  /** What the job page calls it, and the file name a remix gives it. */
  label: string;
  name: string;
  kind: "image" | "audio";
  /** false: a remix does not bring the file back (an inpaint mask is painted afresh on the image). */
  remix?: false;
};

export type Runs = "queue" | "stream";

/**
 * The part of a job record a task reads to describe it. Declared here, not taken from the record's
 * schema, because that schema is built from the task list.
 */
export type JobFacts = {
  status: string;
  outputs: readonly { width?: number; height?: number; durationSec?: number }[];
  text: string | null;
  segments: readonly unknown[] | null;
  prompts: readonly unknown[] | null;
};

export type TaskDefinition<Id extends string = string, S extends z.ZodType = z.ZodType, R extends Runs = Runs, I = z.infer<S>> = {
  id: Id;
  /** Badge, filter and card wording. */
  label: string;
  input: S;
  media: readonly MediaField<I>[];
  /** Seeded tasks give the seed back; a remix restores it. */
  seeded: boolean;
  /** queue: submitted to a provider and followed by the runner (re-runs on the server); stream: written live to one page. */
  runs: R;
  /** A share card shows a picture of the result, or its words. */
  card: "picture" | "words";
  /** Settings in the order the page asks for them; media are left out (shown as files). */
  settings(input: I, add: AddSetting, opts: { withPrompt: boolean }): void;
  /** Short facts under a history card's title. */
  facts(job: JobFacts, input: I): string | null;
  /** The words a job is known by when it has no prompt (e.g. a transcript's start, the text spoken). */
  words?(job: JobFacts, input: I): string | undefined;
};

export function defineTask<const Id extends string, S extends z.ZodType, const R extends Runs>(def: TaskDefinition<Id, S, R>): TaskDefinition<Id, S, R> {
  return def;
}
