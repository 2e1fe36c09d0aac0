/**
 * How a job reads in the UI: its labels, prompt and times. Zod-free, so the pages load it with them;
 * what a job's task definition says of it (title, settings, facts) is in ./describe.ts.
 */
import type { BadgeTone } from "@/components/ui/badge";
import type { JobRecord } from "@/lib/jobs/schema";
import type { JobStatus } from "@/lib/jobs/statuses";

export { excerpt } from "@/lib/tasks/text";
export { engineLabel } from "./engine-label";

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

/** Where "Remix" leads: the job's generator page with every field filled in from it. */
export function remixHref(job: Pick<JobRecord, "id" | "task">): string {
  return `/${job.task}?remix=${encodeURIComponent(job.id)}`;
}

export type { Setting } from "@/lib/tasks/define";

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
