"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ClockIcon } from "@/components/ui/icons";
import type { HistoryFilters } from "@/lib/client/api";
import { loadApi } from "@/lib/client/load-api";
import { TASK_ICONS } from "@/components/tasks/icons";
import { loadSummarize } from "@/hooks/use-job-summary";
import { cn } from "@/lib/cn";
import { cardOf, type CardJob } from "./card";
import { HistoryFilterBar, type TaskName } from "./filter-bar";
import { JobCard } from "./job-card";

export function historyHref(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  if (filters.task) params.set("task", filters.task);
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  const qs = params.toString();
  return qs ? `/history?${qs}` : "/history";
}

const filterKey = (f: HistoryFilters) => `${f.task ?? ""}|${f.status ?? ""}|${f.q ?? ""}`;

function NothingYet({ tasks }: { tasks: TaskName[] }) {
  return (
    <EmptyState
      icon={<ClockIcon size={22} />}
      title="Nothing here yet"
      text="Everything you make — images, edits, clips, transcripts and prompt drafts — is kept here, newest first."
      className="min-h-80"
      action={
        <ul className="flex flex-wrap justify-center gap-2">
          {tasks.map(({ id: task, label }) => {
            const Icon = TASK_ICONS[task];
            return (
              <li key={task}>
                <Link
                  href={`/${task}`}
                  className="inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-700 bg-zinc-800 px-3 text-xs font-medium text-zinc-100 transition-colors hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
                >
                  <Icon size={14} /> {label}
                </Link>
              </li>
            );
          })}
        </ul>
      }
    />
  );
}

/** One filter's results: the server's first page, then further pages from the API as you scroll. */
function HistoryResults({ tasks, initialJobs, initialCursor, filters, filtered, onClear }: {
  tasks: TaskName[];
  initialJobs: CardJob[];
  initialCursor: string | null;
  filters: HistoryFilters;
  filtered: boolean;
  onClear: () => void;
}) {
  const [jobs, setJobs] = useState(initialJobs);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const loadMore = useCallback(async () => {
    if (!cursor || inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    setError(null);
    try {
      const [page, summarize] = await Promise.all([loadApi().then((api) => api.fetchHistoryPage(filters, cursor)), loadSummarize()]);
      setJobs((old) => {
        const seen = new Set(old.map((card) => card.id));
        return [...old, ...page.jobs.filter((j) => !seen.has(j.id)).map((job) => cardOf(job, summarize(job)))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not load more jobs.");
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [cursor, filters]);

  // Loads the next page as the end of the grid comes near; re-observing after each page re-checks at once.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadMore();
    }, { rootMargin: "800px 0px" });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, error, loadMore]);

  const current = useRef(jobs);
  current.current = jobs;
  const removed = useCallback((id: string) => {
    const old = current.current;
    const index = old.findIndex((card) => card.id === id);
    const neighbour = index === -1 ? undefined : (old[index + 1] ?? old[index - 1]);
    setJobs((list) => list.filter((card) => card.id !== id));
    // Focus would otherwise fall back to the page: move it to the card that takes this one's place.
    requestAnimationFrame(() => {
      // Only when focus was lost with the card (not, say, while typing in the search box).
      if (document.activeElement && document.activeElement !== document.body) return;
      const next = neighbour && list.current?.querySelector<HTMLElement>(`[data-job-card="${neighbour.id}"] a[data-card-link]`);
      (next || document.getElementById("history-search"))?.focus();
    });
  }, []);

  if (jobs.length === 0 && !cursor) {
    if (!filtered) return <NothingYet tasks={tasks} />;
    return (
      <EmptyState
        icon={<ClockIcon size={22} />}
        title="No jobs match these filters"
        text={filters.q ? <>Nothing matches “{filters.q}” with these filters. Try other words, or clear the filters.</> : "Try another task or status, or clear the filters."}
        className="min-h-80"
        action={
          <Button variant="secondary" size="sm" onClick={onClear}>
            Clear filters
          </Button>
        }
      />
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <ul ref={list} className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 2xl:grid-cols-4" aria-label="Jobs" data-testid="history-grid">
        {jobs.map((card) => (
          <li key={card.id}>
            <JobCard card={card} onRemoved={removed} />
          </li>
        ))}
      </ul>
      <div ref={sentinel} aria-hidden />
      {error ? <ErrorAlert message={error} /> : null}
      {cursor ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void loadMore()} loading={loading} data-testid="load-more">
            {error ? "Try again" : "Load more"}
          </Button>
        </div>
      ) : jobs.length > 12 ? (
        <p className="text-center text-xs text-zinc-500">That’s everything.</p>
      ) : null}
    </div>
  );
}

/** `jobs` come as cards made by the server, and `tasks` named: the task definitions (full zod) stay off the page. */
export function HistoryView({ tasks, jobs, nextCursor, filters }: { tasks: TaskName[]; jobs: CardJob[]; nextCursor: string | null; filters: HistoryFilters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const filtered = Boolean(filters.task || filters.status || filters.q);

  const navigate = useCallback(
    (next: HistoryFilters) => startTransition(() => router.replace(historyHref(next), { scroll: false })),
    [router],
  );

  // Nothing made yet: nothing to filter either.
  if (!filtered && jobs.length === 0 && !nextCursor) return <NothingYet tasks={tasks} />;

  return (
    <div className="flex flex-col gap-5">
      <HistoryFilterBar tasks={tasks} filters={filters} onChange={navigate} pending={pending} />
      <div className={cn("transition-opacity", pending && "pointer-events-none opacity-50")} aria-busy={pending}>
        <HistoryResults key={filterKey(filters)} tasks={tasks} initialJobs={jobs} initialCursor={nextCursor} filters={filters} filtered={filtered} onClear={() => navigate({})} />
      </div>
    </div>
  );
}
