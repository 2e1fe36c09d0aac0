import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

interface AlertProps {
  title?: ReactNode;
  message: ReactNode;
  className?: string;
}

function AlertIcon({ kind }: { kind: "error" | "info" }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      aria-hidden="true"
      className="mt-0.5 size-4 shrink-0"
    >
      <circle cx="12" cy="12" r="9" />
      {kind === "error" ? <path d="M12 7.5v5M12 16.5h.01" /> : <path d="M12 11v5M12 7.5h.01" />}
    </svg>
  );
}

/** role="alert": screen readers announce it as soon as it mounts, so render it only when there is an error. */
export function ErrorAlert({ title, message, className }: AlertProps) {
  return (
    <div
      role="alert"
      className={cn("flex gap-3 rounded-xl border border-rose-500/40 bg-rose-500/10 px-4 py-3 text-sm text-rose-200", className)}
    >
      <span className="text-rose-400">
        <AlertIcon kind="error" />
      </span>
      <div className="min-w-0">
        {title && <p className="font-medium text-rose-100">{title}</p>}
        <div className={cn("break-words", title ? "mt-0.5 text-rose-200/90" : undefined)}>{message}</div>
      </div>
    </div>
  );
}

export function InfoAlert({ title, message, className }: AlertProps) {
  return (
    <div
      role="status"
      className={cn("flex gap-3 rounded-xl border border-violet-500/30 bg-violet-500/10 px-4 py-3 text-sm text-zinc-300", className)}
    >
      <span className="text-violet-300">
        <AlertIcon kind="info" />
      </span>
      <div className="min-w-0">
        {title && <p className="font-medium text-zinc-100">{title}</p>}
        <div className={cn("break-words", title ? "mt-0.5" : undefined)}>{message}</div>
      </div>
    </div>
  );
}
