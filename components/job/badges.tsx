import { Badge } from "@/components/ui/badge";
import { TASK_ICONS } from "@/components/tasks/icons";
import type { JobStatus, Task } from "@/lib/jobs/schema";
import { STATUS_LABEL, STATUS_TONE } from "./format";

/** `label`: the task's (TASK_LABEL in ./describe.ts, which the browser does not load with a page). */
export function TaskBadge({ task, label, className }: { task: Task; label: string; className?: string }) {
  const Icon = TASK_ICONS[task];
  return (
    <Badge tone="neutral" className={className} data-testid="task-badge">
      <Icon size={12} />
      {label}
    </Badge>
  );
}

export function StatusBadge({ status, className }: { status: JobStatus; className?: string }) {
  return (
    <Badge tone={STATUS_TONE[status]} className={className} data-testid="status-badge" data-status={status}>
      {status === "running" || status === "queued" ? (
        <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {STATUS_LABEL[status]}
    </Badge>
  );
}
