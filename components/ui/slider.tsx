"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";

interface SliderProps {
  /** id of the range input (the labelled control); the number input gets `${id}-exact`. */
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange(value: number): void;
  /** Display text for the value, e.g. `(v) => `${v} px``; also used as aria-valuetext. */
  format?: (value: number) => string;
  disabled?: boolean;
  className?: string;
}

/** Clamps to [min, max] and snaps to the step grid, trimming float noise (0.1 + 0.2). */
function normalize(n: number, min: number, max: number, step: number): number {
  const snapped = min + Math.round((n - min) / step) * step;
  const decimals = (String(step).split(".")[1] ?? "").length;
  return Number(Math.min(max, Math.max(min, snapped)).toFixed(decimals));
}

export function Slider({ id, label, value, min, max, step = 1, onChange, format, disabled, className }: SliderProps) {
  // While the number box is being edited it shows the raw text, so typing "12" on the way to "128" isn't clamped.
  const [draft, setDraft] = useState<string | null>(null);

  const commitDraft = () => {
    if (draft !== null && draft.trim() !== "" && Number.isFinite(Number(draft))) {
      onChange(normalize(Number(draft), min, max, step));
    }
    setDraft(null);
  };

  const text = format ? format(value) : String(value);

  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)}>
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} id={`${id}-label`} className="text-xs font-medium text-zinc-400">
          {label}
        </label>
        <output htmlFor={id} className="text-xs text-zinc-300 tabular-nums">
          {text}
        </output>
      </div>
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          aria-valuetext={format ? text : undefined}
          onChange={(event) => onChange(Number(event.currentTarget.value))}
          className={cn(
            "min-w-0 flex-1 cursor-pointer rounded-full accent-violet-500",
            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 focus-visible:ring-offset-2 focus-visible:ring-offset-zinc-950",
            "disabled:cursor-not-allowed disabled:opacity-50",
          )}
        />
        {/* Named "Exact value" (described by the label) so getByLabel(label) still finds only the range input. */}
        <input
          id={`${id}-exact`}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={draft ?? String(value)}
          disabled={disabled}
          aria-label="Exact value"
          aria-describedby={`${id}-label`}
          onChange={(event) => {
            const raw = event.currentTarget.value;
            setDraft(raw);
            const n = Number(raw);
            // Spinner arrows and in-range typing apply live; anything else waits for blur/Enter.
            if (raw.trim() !== "" && Number.isFinite(n) && n >= min && n <= max) onChange(n);
          }}
          onBlur={commitDraft}
          onKeyDown={(event) => {
            if (event.key === "Enter") commitDraft();
          }}
          className={cn(
            "h-8 w-16 rounded-lg border border-zinc-800 bg-zinc-950 px-2 text-right text-xs text-zinc-100 tabular-nums",
            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70",
            "disabled:cursor-not-allowed disabled:opacity-50",
          )}
        />
      </div>
    </div>
  );
}
