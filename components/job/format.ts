/**
 * How a job reads in the UI: its title, labels, settings and times. Client-safe (no server imports),
 * shared by the history grid, the job page and the public share page.
 */
import type { BadgeTone } from "@/components/ui/badge";
import type {
  ImageInput,
  InpaintInput,
  JobRecord,
  JobStatus,
  PromptDraftRequest,
  Task,
  TranscribeInput,
  VideoInput,
} from "@/lib/jobs/schema";
import { IMAGE_SIZE_LABELS, IMAGE_SIZE_PRESETS, type ImageSize } from "@/lib/providers/catalog";

export const TASK_LABEL: Record<Task, string> = {
  image: "Image",
  inpaint: "Inpaint",
  video: "Video",
  transcribe: "Transcript",
  prompts: "Prompts",
};

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

/** The job's input, narrowed by its task. */
export type TypedInput =
  | { task: "image"; input: ImageInput }
  | { task: "inpaint"; input: InpaintInput }
  | { task: "video"; input: VideoInput }
  | { task: "transcribe"; input: TranscribeInput }
  | { task: "prompts"; input: PromptDraftRequest };

export function typedInput(job: JobRecord): TypedInput {
  // The record's task and its input's task always agree; prompt drafts have no `task` field.
  return { task: job.task, input: job.input } as TypedInput;
}

/** What the person asked for, in their words: the prompt, the idea, or nothing (transcripts). */
export function promptOf(job: JobRecord): string | undefined {
  const input = job.input as { prompt?: string; idea?: string };
  return input.prompt ?? input.idea;
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** A one-line name for the job: its prompt or idea, or the start of the transcript. */
export function jobTitle(job: JobRecord, max = 90): string {
  const prompt = promptOf(job);
  if (prompt) return excerpt(prompt, max);
  if (job.task === "transcribe") {
    return job.text?.trim() ? `“${excerpt(job.text, max - 2)}”` : "Transcription";
  }
  return TASK_LABEL[job.task];
}

/** Where "Remix" leads: the job's generator page with every field filled in from it. */
export function remixHref(job: Pick<JobRecord, "id" | "task">): string {
  return `/${job.task}?remix=${encodeURIComponent(job.id)}`;
}

/** Prompt drafts stream to one browser and cannot be re-run on the server; every media job can. */
export const canRerun = (job: Pick<JobRecord, "task">) => job.task !== "prompts";

export function sizeLabel(size: ImageSize): string {
  if (typeof size !== "string") return `${size.width}×${size.height} (custom)`;
  const preset = IMAGE_SIZE_PRESETS[size];
  return `${IMAGE_SIZE_LABELS[size]} · ${preset.width}×${preset.height}`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian",
  pt: "Portuguese", nl: "Dutch", ja: "Japanese", zh: "Chinese",
};

export type Setting = { label: string; value: string; mono?: boolean; long?: boolean };

/**
 * The job's settings as label/value pairs, in the order the generator pages ask for them. Media
 * inputs are left out (shown as thumbnails); `prompt` is left out when `withPrompt` is false.
 */
export function settingsOf(job: JobRecord, { withPrompt = true } = {}): Setting[] {
  const out: Setting[] = [];
  const add = (label: string, value: string | number | undefined | null, extra: Partial<Setting> = {}) => {
    if (value === undefined || value === null || value === "") return;
    out.push({ label, value: String(value), ...extra });
  };
  const typed = typedInput(job);
  switch (typed.task) {
    case "image": {
      const i = typed.input;
      if (withPrompt) add("Prompt", i.prompt, { long: true });
      add("Negative prompt", i.negativePrompt, { long: true });
      add("Mode", i.sourceImage ? "Image → Image" : "Text → Image");
      if (!i.sourceImage) add("Size", sizeLabel(i.imageSize));
      if (i.sourceImage) add("Strength", `${Math.round(i.strength * 100)}%`);
      add("Steps", i.steps);
      add("Guidance", i.guidance);
      add("Images", i.numImages);
      break;
    }
    case "inpaint": {
      const i = typed.input;
      if (withPrompt) add("Prompt", i.prompt, { long: true });
      add("Negative prompt", i.negativePrompt, { long: true });
      add("Strength", `${Math.round(i.strength * 100)}%`);
      add("Steps", i.steps);
      add("Guidance", i.guidance);
      add("Images", i.numImages);
      break;
    }
    case "video": {
      const i = typed.input;
      if (withPrompt) add("Prompt", i.prompt, { long: true });
      add("Negative prompt", i.negativePrompt, { long: true });
      add("Mode", i.startImage ? "Image → Video" : "Text → Video");
      add("Duration", i.duration ? `${i.duration} s` : undefined);
      add("Aspect ratio", i.aspectRatio);
      add("Steps", i.steps);
      add("Guidance", i.guidance);
      break;
    }
    case "transcribe": {
      const i = typed.input;
      add("Task", i.mode === "translate" ? "Translate to English" : "Transcribe");
      add("Language", i.language ? (LANGUAGE_NAMES[i.language] ?? i.language) : "Detected automatically");
      break;
    }
    case "prompts": {
      const i = typed.input;
      if (withPrompt) add("Idea", i.idea, { long: true });
      add("For", i.target === "video" ? "Video" : "Images");
      add("How many", i.count);
      add("Style", i.style);
      break;
    }
  }
  return out;
}

/** Media the job started from, by what they are. */
export function inputMediaOf(job: JobRecord): { label: string; url: string; kind: "image" | "audio" }[] {
  const typed = typedInput(job);
  switch (typed.task) {
    case "image":
      return typed.input.sourceImage ? [{ label: "Source image", url: typed.input.sourceImage, kind: "image" }] : [];
    case "inpaint":
      return [
        { label: "Image", url: typed.input.image, kind: "image" },
        { label: "Mask", url: typed.input.mask, kind: "image" },
      ];
    case "video":
      return typed.input.startImage ? [{ label: "Start frame", url: typed.input.startImage, kind: "image" }] : [];
    case "transcribe":
      return [{ label: "Audio", url: typed.input.audio, kind: "audio" }];
    case "prompts":
      return [];
  }
}

export function engineLabel(engine: JobRecord["engine"]): string {
  return { local: "Local engine", fal: "fal.ai", openai: "OpenAI", openrouter: "OpenRouter" }[engine];
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
