"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ClockIcon } from "@/components/ui/icons";
import { fetchHistoryPage, type HistoryFilters } from "@/lib/client/api";
import { TASK_ICONS } from "@/components/tasks/icons";
import { TASK_LIST } from "@/lib/tasks/registry";
import type { JobRecord } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";
import { HistoryFilterBar } from "./filter-bar";
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

function NothingYet() {
  return (
    <EmptyState
      icon={<ClockIcon size={22} />}
      title="Nothing here yet"
      text="Everything you make — images, edits, clips, transcripts and prompt drafts — is kept here, newest first."
      className="min-h-80"
      action={
        <ul className="flex flex-wrap justify-center gap-2">
          {TASK_LIST.map(({ id: task, nav: { label } }) => {
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
function HistoryResults({ initialJobs, initialCursor, filters, filtered, onClear }: {
  initialJobs: JobRecord[];
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
      const page = await fetchHistoryPage(filters, cursor);
      setJobs((old) => {
        const seen = new Set(old.map((j) => j.id));
        return [...old, ...page.jobs.filter((j) => !seen.has(j.id))];
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
    const index = old.findIndex((j) => j.id === id);
    const neighbour = index === -1 ? undefined : (old[index + 1] ?? old[index - 1]);
    setJobs((list) => list.filter((j) => j.id !== id));
    // Focus would otherwise fall back to the page: move it to the card that takes this one's place.
    requestAnimationFrame(() => {
      // Only when focus was lost with the card (not, say, while typing in the search box).
      if (document.activeElement && document.activeElement !== document.body) return;
      const next = neighbour && list.current?.querySelector<HTMLElement>(`[data-job-card="${neighbour.id}"] a[data-card-link]`);
      (next || document.getElementById("history-search"))?.focus();
    });
  }, []);

  if (jobs.length === 0 && !cursor) {
    if (!filtered) return <NothingYet />;
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
        {jobs.map((job) => (
          <li key={job.id}>
            <JobCard job={job} onRemoved={removed} />
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

export function HistoryView({ jobs, nextCursor, filters }: { jobs: JobRecord[]; nextCursor: string | null; filters: HistoryFilters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const filtered = Boolean(filters.task || filters.status || filters.q);

  const navigate = useCallback(
    (next: HistoryFilters) => startTransition(() => router.replace(historyHref(next), { scroll: false })),
    [router],
  );

  // Nothing made yet: nothing to filter either.
  if (!filtered && jobs.length === 0 && !nextCursor) return <NothingYet />;

  return (
    <div className="flex flex-col gap-5">
      <HistoryFilterBar filters={filters} onChange={navigate} pending={pending} />
      <div className={cn("transition-opacity", pending && "pointer-events-none opacity-50")} aria-busy={pending}>
        <HistoryResults key={filterKey(filters)} initialJobs={jobs} initialCursor={nextCursor} filters={filters} filtered={filtered} onClear={() => navigate({})} />
      </div>
    </div>
  );
}
