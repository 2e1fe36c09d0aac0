/**
 * What a job's task definition says of it: its title, settings, facts and inputs. The definitions
 * carry the task schemas (full zod), so the browser gets these as plain data computed on the server
 * (a job's settings and inputs, which never change, and its summary) and loads this module only to
 * summarize jobs that change or arrive later (hooks/use-job-summary.ts).
 */
import type { z } from "zod";
import type { JobRecord, Task } from "@/lib/jobs/schema";
import { FAMILIES, familyOf, type Supports } from "@/lib/providers/catalog";
import type { AddSetting, Setting, TaskDefinition } from "@/lib/tasks/define";
import { TASK_LIST, taskDefinition } from "@/lib/tasks/registry";
import { excerpt, promptOf } from "./format";

export const TASK_LABEL = Object.fromEntries(TASK_LIST.map((t) => [t.id, t.label])) as Record<Task, string>;

/** What the job is called, uncut: its prompt or idea, or the start of the transcript. */
function jobName(job: JobRecord): string {
  return promptOf(job) || (taskDefinition(job.task) as TaskDefinition<Task, z.ZodType<unknown>>).words?.(job, job.input) || TASK_LABEL[job.task];
}

/** A one-line name for the job. */
export const jobTitle = (job: JobRecord, max = 90): string => excerpt(jobName(job), max);

/** Streamed jobs (prompt drafts) are written live to one page and cannot be re-run on the server; queued ones can. */
export const canRerun = (job: Pick<JobRecord, "task">) => taskDefinition(job.task).runs === "queue";

/**
 * The job's settings as label/value pairs, in the order the generator pages ask for them. Media
 * inputs are left out (shown as thumbnails); `prompt` is left out when `withPrompt` is false.
 */
export function settingsOf(job: JobRecord, { withPrompt = true } = {}): Setting[] {
  const out: Setting[] = [];
  // An endpoint the catalog does not know keeps every setting: what it takes cannot be told.
  const family = familyOf(job.endpointId);
  const supports: Supports | undefined = family ? FAMILIES[family].supports : undefined;
  const add: AddSetting = (label, value, { takes, ...extra } = {}) => {
    if (value === undefined || value === null || value === "") return;
    if (takes && supports && !supports[takes]) return;
    out.push({ label, value: String(value), ...extra });
  };
  const def = taskDefinition(job.task) as TaskDefinition<Task, z.ZodType<unknown>>;
  def.settings(job.input, add, { withPrompt });
  return out;
}

/** Media the job started from, by what they are. */
export function inputMediaOf(job: JobRecord): { label: string; url: string; kind: "image" | "audio" }[] {
  const input = job.input as Record<string, unknown>;
  return taskDefinition(job.task).media.flatMap(({ field, label, kind }) => {
    const url = input[field];
    return typeof url === "string" ? [{ label, url, kind }] : [];
  });
}

/** Short facts under a history card's title. */
export function factsOf(job: JobRecord): string | null {
  const def = taskDefinition(job.task) as TaskDefinition<Task, z.ZodType<unknown>>;
  return def.facts(job, job.input);
}


export type InputMediaItem = ReturnType<typeof inputMediaOf>[number];

/**
 * What the job's views show of it that its task decides and that can change as it runs (a
 * transcript's title, an image's count), in plain data the server can hand to the browser.
 */
export type JobSummary = {
  taskLabel: string;
  /** Uncut: each view cuts it to its own length with `excerpt`. */
  name: string;
  facts: string | null;
  rerunnable: boolean;
};

export function summarize(job: JobRecord): JobSummary {
  return { taskLabel: TASK_LABEL[job.task], name: jobName(job), facts: factsOf(job), rerunnable: canRerun(job) };
}
