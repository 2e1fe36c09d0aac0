"use client";

import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ToggleGroup } from "@/components/ui/toggle-group";
import type { HistoryFilters } from "@/lib/client/api";
import type { Task } from "@/lib/jobs/schema";
import { STATUS_FILTERS, type StatusFilter } from "@/lib/jobs/statuses";

/** A task as the history names it (its sidebar label); the server reads them from the task list. */
export type TaskName = { id: Task; label: string };

const STATUS_OPTIONS: { value: StatusFilter | "all"; label: string }[] = [
  { value: "all", label: "All" },
  { value: "done", label: "Done" },
  { value: "active", label: "In progress" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
];

const SEARCH_DEBOUNCE_MS = 300;

function SearchIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" className="size-4">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-3.5-3.5" />
    </svg>
  );
}

/**
 * Task, status and a search box. Every change goes to the URL (?task=&status=&q=), which the page
 * reads, so a reload or a shared link keeps the view; typing waits for a pause before it applies.
 */
export function HistoryFilterBar({ tasks, filters, onChange, pending }: {
  tasks: TaskName[];
  filters: HistoryFilters;
  onChange: (filters: HistoryFilters) => void;
  pending: boolean;
}) {
  // What the controls show and what was last asked for: a navigation takes a moment to land, and
  // a second change meanwhile must build on the first, not on the props still on screen.
  const [q, setQ] = useState(filters.q ?? "");
  const taskOptions: { value: Task | "all"; label: string }[] = [{ value: "all", label: "All" }, ...tasks.map((t) => ({ value: t.id, label: t.label }))];
  const [task, setTask] = useState(filters.task);
  const [status, setStatus] = useState(filters.status);
  const requested = useRef(filters);
  const applied = useRef(filters.q ?? "");

  // The URL changed (a change landed, back/forward, "Clear filters"): show what it says.
  useEffect(() => {
    requested.current = { task: filters.task, status: filters.status, q: filters.q };
    setTask(filters.task);
    setStatus(filters.status);
    const incoming = filters.q ?? "";
    if (incoming !== applied.current) {
      applied.current = incoming;
      setQ(incoming);
    }
  }, [filters.task, filters.status, filters.q]);

  useEffect(() => {
    const wanted = q.trim();
    if (wanted === applied.current) return;
    const timer = setTimeout(() => {
      if (wanted === applied.current) return; // a task/status change took it along meanwhile
      applied.current = wanted;
      requested.current = { ...requested.current, q: wanted || undefined };
      onChange(requested.current);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, onChange]);

  // Task and status apply at once, together with whatever is typed in the box.
  const set = (patch: HistoryFilters) => {
    const wanted = q.trim();
    applied.current = wanted;
    requested.current = { ...requested.current, q: wanted || undefined, ...patch };
    setTask(requested.current.task);
    setStatus(requested.current.status);
    onChange(requested.current);
  };

  return (
    <div role="search" aria-label="Filter the history" className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4 lg:flex-row lg:items-end">
      <Field label="Search" htmlFor="history-search" className="min-w-0 flex-1">
        <div className="relative">
          <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-zinc-500">
            {pending ? <Spinner /> : <SearchIcon />}
          </span>
          <Input
            id="history-search"
            type="search"
            value={q}
            placeholder="Search prompts and transcripts"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape" && q) {
                e.preventDefault();
                setQ("");
              }
            }}
            className="pl-9"
          />
        </div>
      </Field>
      <div className="grid grid-cols-2 gap-3 sm:flex sm:items-end sm:gap-4">
        {/* Segmented where there is room for all six, a select on phones. */}
        <div className="hidden pb-px sm:block">
          <ToggleGroup<Task | "all">
            label="Task"
            value={task ?? "all"}
            options={taskOptions}
            onChange={(v) => set({ task: v === "all" ? undefined : v })}
          />
        </div>
        <Field label="Task" htmlFor="history-task" className="sm:hidden">
          <Select
            id="history-task"
            value={task ?? "all"}
            onChange={(e) => {
              const v = e.target.value;
              set({ task: tasks.find((t) => t.id === v)?.id });
            }}
          >
            {taskOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status" htmlFor="history-status" className="sm:w-40">
          <Select
            id="history-status"
            value={status ?? "all"}
            onChange={(e) => {
              const v = e.target.value;
              set({ status: (STATUS_FILTERS as readonly string[]).includes(v) ? (v as StatusFilter) : undefined });
            }}
          >
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </div>
  );
}
