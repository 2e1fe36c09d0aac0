import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  text?: ReactNode;
  /** Optional call to action under the text. */
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ icon, title, text, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-zinc-800 px-6 py-12 text-center",
        className,
      )}
    >
      {icon && (
        <div className="mb-1 flex size-10 items-center justify-center rounded-full bg-zinc-900 text-zinc-500 ring-1 ring-zinc-800">
          {icon}
        </div>
      )}
      <p className="text-sm font-medium text-zinc-100">{title}</p>
      {text && <p className="max-w-sm text-sm text-zinc-500">{text}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
