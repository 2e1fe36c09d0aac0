import { useId, type ReactNode } from "react";
import { cn } from "@/lib/cn";

interface PanelProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Rendered at the right of the header, e.g. buttons or a Badge. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Panel({ title, description, actions, className, children }: PanelProps) {
  const titleId = useId();
  const hasHeader = Boolean(title || description || actions);
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cn("rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5", className)}
    >
      {hasHeader && (
        <header className="mb-4 flex items-start justify-between gap-4">
          <div className="min-w-0">
            {title && (
              <h2 id={titleId} className="text-sm font-semibold text-zinc-100">
                {title}
              </h2>
            )}
            {description && <p className="mt-1 text-sm text-zinc-400">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
