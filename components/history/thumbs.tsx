import { PlayIcon, SpeakerIcon } from "@/components/ui/icons";
import { cn } from "@/lib/cn";

/**
 * Thumbnails for a finished job's history card. Each task says which one its jobs get, and with
 * what (components/tasks/thumbs.ts): that plain data is all a card is sent, not the job's record.
 */
export type Thumb =
  | { kind: "picture"; url: string; count: number }
  | { kind: "video"; url: string; posterUrl?: string; length?: string }
  /** `short`: few enough words to set large. */
  | { kind: "quote"; text?: string; short: boolean; empty: string }
  | { kind: "speech"; text: string; short: boolean; length?: string }
  | { kind: "titled"; title: string; body: string; more?: string };

export function ThumbView({ thumb }: { thumb: Thumb }) {
  switch (thumb.kind) {
    case "picture":
      return <PictureThumb {...thumb} />;
    case "video":
      return <VideoThumb {...thumb} />;
    case "quote":
      return <QuoteThumb {...thumb} />;
    case "speech":
      return <SpeechThumb {...thumb} />;
    case "titled":
      return <TitledThumb {...thumb} />;
  }
}

export const frame = "relative aspect-[4/3] w-full overflow-hidden border-b border-zinc-800";

const zoom = "size-full object-cover transition-transform duration-300 group-hover:scale-[1.02]";

/** The first picture, on a checkerboard so transparent results read as such; `count`: how many were made. */
function PictureThumb({ url, count }: { url: string; count: number }) {
  return (
    <div className={cn(frame, "checkerboard")}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={url} alt="" loading="lazy" decoding="async" className={zoom} />
      {count > 1 ? (
        <span className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs font-medium text-white backdrop-blur">
          {count} images
        </span>
      ) : null}
    </div>
  );
}

function VideoThumb({ url, posterUrl, length }: { url: string; posterUrl?: string; length?: string }) {
  return (
    <div className={cn(frame, "bg-black")}>
      {posterUrl ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={posterUrl} alt="" loading="lazy" decoding="async" className={zoom} />
      ) : (
        // No poster (no ffmpeg when it was stored): the browser draws the first frame.
        <video src={`${url}#t=0.1`} muted playsInline preload="metadata" aria-hidden tabIndex={-1} className="pointer-events-none size-full object-cover" />
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

const Length = ({ text }: { text: string }) => (
  <span className="absolute right-2 bottom-2 rounded bg-black/70 px-1.5 py-0.5 font-mono text-xs text-white tabular-nums">{text}</span>
);

/** Words in quotes: a transcript, an answer. */
function QuoteThumb({ text, short, empty }: { text?: string; short: boolean; empty: string }) {
  return (
    <div className={cn(frame, "flex flex-col gap-2 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
      <span aria-hidden className="text-4xl leading-none font-semibold text-violet-400/70">“</span>
      <p className={cn("line-clamp-5 leading-relaxed", !text ? "text-sm text-zinc-500 italic" : short ? "text-lg leading-snug text-zinc-100" : "text-sm text-zinc-200")}>
        {text || empty}
      </p>
    </div>
  );
}

/** Words read aloud: the text spoken, and the length. */
function SpeechThumb({ text, short, length }: { text: string; short: boolean; length?: string }) {
  return (
    <div className={cn(frame, "flex flex-col gap-3 bg-gradient-to-br from-violet-500/[0.08] to-transparent p-5")}>
      <SpeakerIcon size={22} className="text-violet-300/80" />
      <p className={cn("line-clamp-5 leading-relaxed", short ? "text-lg leading-snug text-zinc-100" : "text-sm text-zinc-200")}>{text}</p>
      {length ? <Length text={length} /> : null}
    </div>
  );
}

/** A titled card of words: the first prompt draft. */
function TitledThumb({ title, body, more }: { title: string; body: string; more?: string }) {
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
