import { PlayIcon, StopIcon, XIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { TASK_ICON } from "@/components/job/badges";
import { excerpt, formatClock } from "@/components/job/format";
import type { JobRecord } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";

const frame = "relative aspect-[4/3] w-full overflow-hidden border-b border-zinc-800";

function StatusTile({ job }: { job: JobRecord }) {
  const Icon = TASK_ICON[job.task];
  if (job.status === "failed") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-rose-500/[0.06] px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-rose-500/15 text-rose-400 ring-1 ring-rose-500/30">
          <XIcon size={18} />
        </span>
        <p className="text-sm font-medium text-rose-200">Failed</p>
        {job.error ? <p className="line-clamp-2 text-xs text-rose-200/60">{job.error.message}</p> : null}
      </div>
    );
  }
  if (job.status === "cancelled") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-zinc-950/60 px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-amber-400/10 text-amber-400 ring-1 ring-amber-400/30">
          <StopIcon size={16} />
        </span>
        <p className="text-sm font-medium text-zinc-300">Cancelled</p>
      </div>
    );
  }
  if (job.status === "queued" || job.status === "running") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-violet-500/[0.05] px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-violet-500/15 text-violet-300 ring-1 ring-violet-500/30">
          <Spinner className="size-5" />
        </span>
        <p className="text-sm font-medium text-zinc-200">{job.status === "queued" ? "Waiting in the queue" : "Working…"}</p>
        {job.status === "queued" && job.queuePosition !== null ? <p className="text-xs text-zinc-500">Position {job.queuePosition + 1}</p> : null}
      </div>
    );
  }
  return (
    <div className={cn(frame, "flex items-center justify-center bg-zinc-950/60 text-zinc-600")}>
      <Icon size={28} />
    </div>
  );
}

/** The card's picture: the first image, the video's poster, the transcript's or the first prompt's words, or the job's state. */
export function CardThumb({ job }: { job: JobRecord }) {
  if (job.status !== "done") return <StatusTile job={job} />;
  const first = job.outputs[0];

  if ((job.task === "image" || job.task === "inpaint") && first) {
    return (
      <div className={cn(frame, "checkerboard")}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={first.url} alt="" loading="lazy" decoding="async" className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.02]" />
        {job.outputs.length > 1 ? (
          <span className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-zinc-100 backdrop-blur">
            {job.outputs.length} images
          </span>
        ) : null}
      </div>
    );
  }

  if (job.task === "video" && first) {
    const length = formatClock(first.durationSec);
    return (
      <div className={cn(frame, "bg-black")}>
        {first.posterUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={first.posterUrl} alt="" loading="lazy" decoding="async" className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.02]" />
        ) : (
          // No poster (no ffmpeg when it was stored): the browser draws the first frame.
          <video src={`${first.url}#t=0.1`} muted playsInline preload="metadata" aria-hidden tabIndex={-1} className="pointer-events-none size-full object-cover" />
        )}
        <span aria-hidden className="absolute inset-0 flex items-center justify-center">
          <span className="flex size-11 items-center justify-center rounded-full bg-black/60 text-white ring-1 ring-white/20 backdrop-blur transition group-hover:bg-violet-600/90">
            <PlayIcon size={18} className="translate-x-px" />
          </span>
        </span>
        {length ? (
          <span className="absolute right-2 bottom-2 rounded bg-black/70 px-1.5 py-0.5 font-mono text-xs text-zinc-100 tabular-nums">{length}</span>
        ) : null}
      </div>
    );
  }

  if (job.task === "transcribe") {
    const text = job.text?.trim() || job.segments?.map((s) => s.text).join(" ").trim();
    return (
      <div className={cn(frame, "flex flex-col gap-2 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
        <span aria-hidden className="text-4xl leading-none font-semibold text-violet-400/70">“</span>
        <p className={cn("line-clamp-5 leading-relaxed", !text ? "text-sm text-zinc-500 italic" : text.length < 90 ? "text-lg leading-snug text-zinc-100" : "text-sm text-zinc-200")}>
          {text ? excerpt(text, 260) : "No speech was recognised."}
        </p>
      </div>
    );
  }

  if (job.task === "prompts" && job.prompts?.[0]) {
    const [draft, ...rest] = job.prompts;
    return (
      <div className={cn(frame, "flex flex-col gap-2 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
        <p className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
          <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-violet-500/15 text-[10px] font-semibold text-violet-300">1</span>
          <span className="truncate">{draft!.title}</span>
        </p>
        <p className="line-clamp-4 text-sm leading-relaxed text-zinc-400">{draft!.prompt}</p>
        {rest.length > 0 ? <p className="mt-auto text-xs text-violet-300/80">+{rest.length} more prompt{rest.length === 1 ? "" : "s"}</p> : null}
      </div>
    );
  }

  return <StatusTile job={job} />;
}
