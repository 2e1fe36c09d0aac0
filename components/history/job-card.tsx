"use client";

import Link from "next/link";
import { useEffect } from "react";
import { IconButton } from "@/components/ui/button";
import { iconButtonClass } from "@/components/ui/button-class";
import { ShuffleIcon, StopIcon, TrashIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { StatusBadge, TaskBadge } from "@/components/job/badges";
import { LazyConfirmDialog } from "@/components/job/lazy-confirm-dialog";
import { RerunIcon } from "@/components/job/icons";
import { excerpt, remixHref } from "@/components/job/format";
import { RelativeTime } from "@/components/job/relative-time";
import { useJobActions } from "@/hooks/use-job-actions";
import { useSummaryOf } from "@/hooks/use-job-summary";
import { useLiveJob } from "@/hooks/use-live-job";
import { isTerminal } from "@/lib/jobs/statuses";
import { cardOf, isRecord, type CardJob } from "./card";
import { CardThumb } from "./card-thumb";

/** A card in the history grid. The whole card opens the job; its buttons sit above that link. */
export function JobCard({ card: initial, onRemoved }: { card: CardJob; onRemoved: (id: string) => void }) {
  const { job: live, setJob, gone } = useLiveJob(initial);
  // The server's card until the job changes; then the changed record's, its summary following once computed.
  const changed = isRecord(live) ? live : undefined;
  const summary = useSummaryOf(changed, initial.summary);
  const card = changed ? cardOf(changed, summary) : initial;
  const { busy, error, rerun, cancel, remove, confirmingDelete, setConfirmingDelete } = useJobActions(card.id, {
    onChange: setJob,
    onDeleted: () => onRemoved(card.id),
  });
  const active = !isTerminal(card.status);
  const href = `/jobs/${card.id}`;

  // Unfinished jobs keep their card current until they end.
  useEffect(() => {
    if (gone) onRemoved(initial.id);
  }, [gone, initial.id, onRemoved]);

  const title = excerpt(card.summary.name, 140);
  return (
    <article
      data-testid="history-card"
      data-job-card={card.id}
      data-task={card.task}
      data-status={card.status}
      className="job-card group"
    >
      <CardThumb card={card} />
      <div className="flex flex-1 flex-col gap-2.5 p-4">
        <div className="flex flex-wrap items-center gap-1.5">
          <TaskBadge task={card.task} label={card.summary.taskLabel} />
          <StatusBadge status={card.status} />
          <RelativeTime iso={card.createdAt} className="ml-auto text-xs whitespace-nowrap text-zinc-500" />
        </div>
        <h2 className="line-clamp-2 text-sm leading-snug font-medium break-words text-zinc-100">
          <Link href={href} data-card-link className="after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
            {title}
          </Link>
        </h2>
        {error ? (
          <p role="alert" className="relative z-10 text-xs text-rose-400">
            {error}
          </p>
        ) : null}
        <div className="mt-auto flex items-center justify-between gap-2 pt-1">
          <p className="min-w-0 truncate text-xs text-zinc-500">{card.summary.facts}</p>
          <div className="relative z-10 -mr-1.5 flex shrink-0 items-center gap-0.5">
            {card.summary.rerunnable ? (
              <IconButton
                label="Re-run"
                icon={busy === "rerun" ? <Spinner /> : <RerunIcon size={16} />}
                onClick={() => void rerun()}
                disabled={busy !== null || active}
                aria-busy={busy === "rerun" || undefined}
              />
            ) : (
              <Link
                href={remixHref(card)}
                aria-label="Draft again"
                title="Draft again"
                className={iconButtonClass("ghost", "sm")}
              >
                <ShuffleIcon size={16} />
              </Link>
            )}
            {active ? (
              <IconButton
                label="Cancel job"
                icon={busy === "cancel" ? <Spinner /> : <StopIcon size={14} />}
                onClick={() => void cancel()}
                disabled={busy !== null}
              />
            ) : (
              <IconButton
                label="Delete"
                icon={<TrashIcon size={16} />}
                onClick={() => setConfirmingDelete(true)}
                disabled={busy !== null}
                className="hover:text-rose-300"
              />
            )}
          </div>
        </div>
      </div>
      {confirmingDelete ? (
        <LazyConfirmDialog
          open
          title="Delete this job?"
          description={
            <>
              <span className="line-clamp-2 rounded-lg border border-zinc-800 bg-zinc-950/60 px-3 py-2 text-zinc-200">{title}</span>
              <span className="mt-3 block">
                It is removed with its files{card.shared ? ", and its public link stops working" : ""}. Files another job still uses are kept.
              </span>
            </>
          }
          confirmLabel="Delete"
          onClose={() => setConfirmingDelete(false)}
          onConfirm={remove}
        />
      ) : null}
    </article>
  );
}
