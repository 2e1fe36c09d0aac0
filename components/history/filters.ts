import type { HistoryFilters } from "@/lib/client/api";
import { STATUS_FILTERS, TASKS, type StatusFilter, type Task } from "@/lib/jobs/schema";

/** Reads ?task=&status=&q= leniently: anything unknown means "all". */
export function parseHistoryFilters(params: Record<string, string | string[] | undefined>): HistoryFilters {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const task = one(params.task);
  const status = one(params.status);
  const q = one(params.q)?.trim().slice(0, 200);
  return {
    task: task && (TASKS as readonly string[]).includes(task) ? (task as Task) : undefined,
    status: status && (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : undefined,
    q: q || undefined,
  };
}
