import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

interface FieldProps {
  label: ReactNode;
  /** id of the control; hint and error ids derive from it (`${htmlFor}-hint`, `${htmlFor}-error`). */
  htmlFor: string;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Field({ label, htmlFor, hint, error, className, children }: FieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-zinc-400">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${htmlFor}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${htmlFor}-error`} role="alert" className="text-xs text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria-describedby value matching what <Field> renders, e.g. `aria-describedby={fieldDescribedBy(id, { hint, error })}`. */
export function fieldDescribedBy(htmlFor: string, parts: { hint?: ReactNode; error?: ReactNode }): string | undefined {
  const ids = [parts.hint ? `${htmlFor}-hint` : null, parts.error ? `${htmlFor}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}
