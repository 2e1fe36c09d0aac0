import type { JobRecord } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";
import type { InputMediaItem } from "./describe";
import { engineLabel } from "./engine-label";
import { STATUS_LABEL, formatMs, type Setting } from "./format";
import { LocalTime } from "./local-time";

/** A job's settings on its page: the model and engine that ran it, its seed, then what its task says (`settings`). */
export function JobSettings({ job, settings }: { job: JobRecord; settings: Setting[] }) {
  const all: Setting[] = [
    { label: "Model", value: job.endpointId, mono: true },
    { label: "Engine", value: engineLabel(job.engine) },
    ...(job.seed !== null ? [{ label: "Seed", value: String(job.seed), mono: true }] : []),
    ...settings,
  ];
  return <SettingsList settings={all} />;
}

/** Label/value pairs as a tidy definition list; long values (prompts) take the full width. */
export function SettingsList({ settings, className }: { settings: Setting[]; className?: string }) {
  return (
    <dl className={cn("grid grid-cols-[auto_1fr] gap-x-4 gap-y-2.5 text-sm", className)} data-testid="job-settings">
      {settings.map((s) =>
        s.long || (s.mono && s.value.length > 30) ? (
          <div key={s.label} className="col-span-2 flex flex-col gap-1">
            <dt className="text-xs text-zinc-500">{s.label}</dt>
            <dd className={cn("break-words text-zinc-200", s.mono ? "font-mono text-xs [overflow-wrap:anywhere]" : "whitespace-pre-wrap leading-relaxed")}>{s.value}</dd>
          </div>
        ) : (
          <div key={s.label} className="col-span-2 grid grid-cols-subgrid items-baseline">
            <dt className="text-xs text-zinc-500">{s.label}</dt>
            <dd className={cn("min-w-0 break-words text-right text-zinc-200", s.mono && "font-mono text-xs")}>{s.value}</dd>
          </div>
        ),
      )}
    </dl>
  );
}

/** The files the job started from: images as thumbnails that open full size, audio as a player. */
export function InputMedia({ media }: { media: InputMediaItem[] }) {
  if (media.length === 0) return null;
  return (
    <ul className="grid grid-cols-2 gap-3" data-testid="input-media">
      {media.map((m) => (
        <li key={m.label} className={cn("flex flex-col gap-1.5", m.kind === "audio" && "col-span-2")}>
          <span className="text-xs text-zinc-500">{m.label}</span>
          {m.kind === "image" ? (
            <a
              href={m.url}
              target="_blank"
              rel="noreferrer"
              className="block overflow-hidden rounded-lg border border-zinc-800 checkerboard focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
            >
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={m.url} alt={m.label} className="aspect-square w-full object-contain" loading="lazy" />
            </a>
          ) : (
            <audio src={m.url} controls preload="metadata" className="w-full" aria-label={m.label} />
          )}
        </li>
      ))}
    </ul>
  );
}

const DOT: Record<JobRecord["status"], string> = {
  queued: "bg-zinc-500",
  running: "bg-violet-400",
  done: "bg-emerald-400",
  failed: "bg-rose-400",
  cancelled: "bg-amber-400",
};

/** Each status the job went through, when, and how long after it was created. */
export function Timeline({ job }: { job: JobRecord }) {
  const start = Date.parse(job.createdAt);
  const timings = [
    { label: "Queue", value: formatMs(job.timings.queueMs) },
    { label: "Run", value: formatMs(job.timings.runMs) },
    { label: "Total", value: formatMs(job.timings.totalMs) },
  ].filter((t) => t.value);
  return (
    <div className="flex flex-col gap-4">
      <ol className="flex flex-col" data-testid="job-timeline">
        {job.timeline.map((step, i) => {
          const offset = Date.parse(step.at) - start;
          const last = i === job.timeline.length - 1;
          return (
            <li key={`${step.status}-${step.at}`} className="relative flex gap-3 pb-3 last:pb-0">
              {!last ? <span aria-hidden className="absolute top-3 left-[4.5px] h-full w-px bg-zinc-800" /> : null}
              <span aria-hidden className={cn("relative mt-1.5 size-2.5 shrink-0 rounded-full ring-4 ring-zinc-900", DOT[step.status])} />
              <div className="flex min-w-0 flex-1 items-baseline justify-between gap-3 text-sm">
                <span className="text-zinc-200">{STATUS_LABEL[step.status]}</span>
                <span className="text-xs tabular-nums text-zinc-500">
                  <LocalTime iso={step.at} seconds />
                  {i > 0 && offset >= 0 ? <span className="ml-2 text-zinc-500">+{formatMs(offset)}</span> : null}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
      {timings.length > 0 ? (
        <dl className="grid gap-2" style={{ gridTemplateColumns: `repeat(${timings.length}, minmax(0, 1fr))` }} data-testid="job-timings">
          {timings.map((t) => (
            <div key={t.label} className="rounded-lg border border-zinc-800 bg-zinc-950/60 px-3 py-2">
              <dt className="text-xs text-zinc-500">{t.label}</dt>
              <dd className="mt-0.5 text-sm font-medium tabular-nums text-zinc-100">{t.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

/** The model's log lines, folded away by default. */
export function JobLogs({ job }: { job: JobRecord }) {
  if (job.logs.length === 0) return null;
  return (
    <details className="group rounded-2xl border border-zinc-800 bg-zinc-900/60" data-testid="job-logs">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-2xl p-5 text-sm font-semibold text-zinc-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 [&::-webkit-details-marker]:hidden">
        <span>
          Log <span className="ml-1 font-normal text-zinc-500">{job.logs.length} line{job.logs.length === 1 ? "" : "s"}</span>
        </span>
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="size-4 text-zinc-500 transition-transform group-open:rotate-180">
          <path d="m6 9 6 6 6-6" />
        </svg>
      </summary>
      <ol aria-label="Model log" className="mx-5 mb-5 max-h-80 space-y-0.5 overflow-auto rounded-lg bg-zinc-950/80 p-3 font-mono text-xs text-zinc-400">
        {job.logs.map((log, i) => (
          <li key={`${log.at}-${i}`} className={cn("flex gap-3", log.level === "ERROR" && "text-rose-400", log.level === "WARN" && "text-amber-300")}>
            <span className="shrink-0 text-zinc-500">
              <LocalTime iso={log.at} seconds />
            </span>
            <span className="min-w-0 break-words">{log.message}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The same settings as tiles, for wide layouts with room to spare (the share page). */
export function SettingsGrid({ settings }: { settings: Setting[] }) {
  const wide = (s: Setting) => s.long || (s.mono && s.value.length > 24);
  // Long values first so the short ones pack into full rows of tiles.
  const ordered = [...settings.filter(wide), ...settings.filter((s) => !wide(s))];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="job-settings">
      {ordered.map((s) => (
        <div key={s.label} className={cn("min-w-0 rounded-xl border border-zinc-800 bg-zinc-950/60 px-3.5 py-3", wide(s) && "col-span-full")}>
          <dt className="text-xs text-zinc-500">{s.label}</dt>
          <dd
            className={cn(
              "mt-1 break-words text-zinc-100",
              s.mono ? "font-mono text-xs [overflow-wrap:anywhere]" : "text-sm",
              s.long && "leading-relaxed whitespace-pre-wrap text-zinc-200",
            )}
          >
            {s.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
