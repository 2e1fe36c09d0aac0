import { StopIcon, XIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { TASK_ICONS } from "@/components/tasks/icons";
import { frame, ThumbView } from "./thumbs";
import type { CardJob } from "./card";
import { cn } from "@/lib/cn";


function StatusTile({ card }: { card: CardJob }) {
  const Icon = TASK_ICONS[card.task];
  if (card.status === "failed") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-rose-500/[0.06] px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-rose-500/15 text-rose-400 ring-1 ring-rose-500/30">
          <XIcon size={18} />
        </span>
        <p className="text-sm font-medium text-rose-200">Failed</p>
        {card.error ? <p className="line-clamp-2 text-xs text-rose-200">{card.error}</p> : null}
      </div>
    );
  }
  if (card.status === "cancelled") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-zinc-950/60 px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-amber-400/10 text-amber-400 ring-1 ring-amber-400/30">
          <StopIcon size={16} />
        </span>
        <p className="text-sm font-medium text-zinc-300">Cancelled</p>
      </div>
    );
  }
  if (card.status === "queued" || card.status === "running") {
    return (
      <div className={cn(frame, "flex flex-col items-center justify-center gap-2 bg-violet-500/[0.05] px-6 text-center")}>
        <span className="flex size-10 items-center justify-center rounded-full bg-violet-500/15 text-violet-300 ring-1 ring-violet-500/30">
          <Spinner className="size-5" />
        </span>
        <p className="text-sm font-medium text-zinc-200">{card.status === "queued" ? "Waiting in the queue" : "Working…"}</p>
        {card.status === "queued" && card.queuePosition !== null ? <p className="text-xs text-zinc-500">Position {card.queuePosition + 1}</p> : null}
      </div>
    );
  }
  return (
    <div className={cn(frame, "flex items-center justify-center bg-zinc-950/60 text-zinc-500")}>
      <Icon size={28} />
    </div>
  );
}

/** The card's picture: the task's own thumbnail of a finished job, or the job's state. */
export function CardThumb({ card }: { card: CardJob }) {
  return card.thumb ? <ThumbView thumb={card.thumb} /> : <StatusTile card={card} />;
}
