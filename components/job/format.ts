/**
 * How a job reads in the UI: its title, labels, settings and times. Client-safe (no server imports),
 * shared by the history grid, the job page and the public share page.
 */
import type { BadgeTone } from "@/components/ui/badge";
import type { z } from "zod";
import type { JobRecord, JobStatus, Task } from "@/lib/jobs/schema";
import { FAMILIES, familyOf, type Supports } from "@/lib/providers/catalog";
import type { AddSetting, Setting, TaskDefinition } from "@/lib/tasks/define";
import { TASK_LIST, taskDefinition } from "@/lib/tasks/registry";

export { excerpt } from "@/lib/tasks/text";
export { engineLabel } from "./engine-label";
export { sizeLabel } from "@/lib/tasks/image/definition";
import { excerpt } from "@/lib/tasks/text";

export const TASK_LABEL = Object.fromEntries(TASK_LIST.map((t) => [t.id, t.label])) as Record<Task, string>;

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const STATUS_TONE: Record<JobStatus, BadgeTone> = {
  queued: "neutral",
  running: "accent",
  done: "success",
  failed: "danger",
  cancelled: "warning",
};

/** What the person asked for, in their words: the prompt, the idea, or nothing (transcripts). */
export function promptOf(job: JobRecord): string | undefined {
  const input = job.input as { prompt?: string; idea?: string };
  return input.prompt ?? input.idea;
}

/** A one-line name for the job: its prompt or idea, or the start of the transcript. */
export function jobTitle(job: JobRecord, max = 90): string {
  const prompt = promptOf(job);
  if (prompt) return excerpt(prompt, max);
  const words = (taskDefinition(job.task) as TaskDefinition<Task, z.ZodType<unknown>>).words?.(job, job.input);
  return words ? excerpt(words, max) : TASK_LABEL[job.task];
}

/** Where "Remix" leads: the job's generator page with every field filled in from it. */
export function remixHref(job: Pick<JobRecord, "id" | "task">): string {
  return `/${job.task}?remix=${encodeURIComponent(job.id)}`;
}

/** Streamed jobs (prompt drafts) are written live to one page and cannot be re-run on the server; queued ones can. */
export const canRerun = (job: Pick<JobRecord, "task">) => taskDefinition(job.task).runs === "queue";

export type { Setting };

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


/** 850 ms, 4.2 s, 1 min 12 s. */
export function formatMs(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function formatClock(sec: number | undefined): string | undefined {
  if (sec === undefined || !Number.isFinite(sec)) return undefined;
  const total = Math.round(sec);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday", then a date. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const s = Math.round((then - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return "just now";
  if (abs < 45 * 60) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 22 * 3600) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 6 * 86400) return rtf.format(Math.round(s / 86400), "day");
  return new Date(then).toLocaleDateString("en", {
    month: "short",
    day: "numeric",
    ...(new Date(then).getFullYear() !== new Date(now).getFullYear() ? { year: "numeric" } : {}),
  });
}

/** Friday, 3 March 2026, 14:05 in the viewer's time zone. */
export function absoluteTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
}
