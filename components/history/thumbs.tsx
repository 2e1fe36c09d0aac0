import { PlayIcon } from "@/components/ui/icons";
import { excerpt, formatClock } from "@/components/job/format";
import type { MediaOutput } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";

/** Thumbnails the tasks' views choose from for a finished job's history card. */

export const frame = "relative aspect-[4/3] w-full overflow-hidden border-b border-zinc-800";

const zoom = "size-full object-cover transition-transform duration-300 group-hover:scale-[1.02]";

/** The first picture, on a checkerboard so transparent results read as such. */
export function PictureThumb({ outputs, noun = "images" }: { outputs: MediaOutput[]; noun?: string }) {
  const first = outputs[0];
  if (!first) return null;
  return (
    <div className={cn(frame, "checkerboard")}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={first.url} alt="" loading="lazy" decoding="async" className={zoom} />
      {outputs.length > 1 ? (
        <span className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-white backdrop-blur">
          {outputs.length} {noun}
        </span>
      ) : null}
    </div>
  );
}

export function VideoThumb({ output }: { output: MediaOutput | undefined }) {
  if (!output) return null;
  const length = formatClock(output.durationSec);
  return (
    <div className={cn(frame, "bg-black")}>
      {output.posterUrl ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={output.posterUrl} alt="" loading="lazy" decoding="async" className={zoom} />
      ) : (
        // No poster (no ffmpeg when it was stored): the browser draws the first frame.
        <video src={`${output.url}#t=0.1`} muted playsInline preload="metadata" aria-hidden tabIndex={-1} className="pointer-events-none size-full object-cover" />
      )}
      <PlayBadge />
      {length ? <Length text={length} /> : null}
    </div>
  );
}

function PlayBadge() {
  return (
    <span aria-hidden className="absolute inset-0 flex items-center justify-center">
      <span className="flex size-11 items-center justify-center rounded-full bg-black/60 text-white ring-1 ring-white/20 backdrop-blur transition group-hover:bg-violet-600/90">
        <PlayIcon size={18} className="translate-x-px" />
      </span>
    </span>
  );
}

export const Length = ({ text }: { text: string }) => (
  <span className="absolute right-2 bottom-2 rounded bg-black/70 px-1.5 py-0.5 font-mono text-xs text-white tabular-nums">{text}</span>
);

/** Words in quotes: a transcript, an answer. */
export function QuoteThumb({ text, empty }: { text: string | undefined; empty: string }) {
  return (
    <div className={cn(frame, "flex flex-col gap-2 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
      <span aria-hidden className="text-4xl leading-none font-semibold text-violet-400/70">“</span>
      <p className={cn("line-clamp-5 leading-relaxed", !text ? "text-sm text-zinc-500 italic" : text.length < 90 ? "text-lg leading-snug text-zinc-100" : "text-sm text-zinc-200")}>
        {text ? excerpt(text, 260) : empty}
      </p>
    </div>
  );
}

/** A titled card of words: the first prompt draft. */
export function TitledThumb({ title, body, more }: { title: string; body: string; more?: string }) {
  return (
    <div className={cn(frame, "flex flex-col gap-2 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
      <p className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
        <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-violet-500/15 text-[10px] font-semibold text-violet-300">1</span>
        <span className="truncate">{title}</span>
      </p>
      <p className="line-clamp-4 text-sm leading-relaxed text-zinc-400">{body}</p>
      {more ? <p className="mt-auto text-xs text-violet-300/80">{more}</p> : null}
    </div>
  );
}

/** A player tile for audio: a waveform-like mark and the length. */
export function AudioThumb({ output }: { output: MediaOutput | undefined }) {
  if (!output) return null;
  const length = formatClock(output.durationSec);
  return (
    <div className={cn(frame, "flex items-center justify-center bg-gradient-to-br from-violet-500/[0.1] to-transparent")}>
      <svg viewBox="0 0 120 40" aria-hidden className="h-12 w-40 text-violet-300/80">
        {Array.from({ length: 24 }, (_, i) => {
          const h = 6 + Math.abs(Math.sin(i * 1.7) * 28);
          return <rect key={i} x={i * 5} y={20 - h / 2} width={3} height={h} rx={1.5} fill="currentColor" />;
        })}
      </svg>
      <PlayBadge />
      {length ? <Length text={length} /> : null}
    </div>
  );
}
