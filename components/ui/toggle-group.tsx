"use client";

import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface ToggleOption<T extends string> {
  value: T;
  label: string;
  icon?: ReactNode;
}

interface ToggleGroupProps<T extends string> {
  label: string;
  /** Keep the label for screen readers only, e.g. in a dense toolbar. */
  hideLabel?: boolean;
  value: T;
  options: readonly ToggleOption<T>[];
  onChange(value: T): void;
  disabled?: boolean;
  className?: string;
}

/** Segmented control following the ARIA radio-group pattern: one tab stop, arrow keys move and select. */
export function ToggleGroup<T extends string>({
  label,
  hideLabel = false,
  value,
  options,
  onChange,
  disabled,
  className,
}: ToggleGroupProps<T>) {
  const labelId = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const selectedIndex = options.findIndex((option) => option.value === value);
  // If the value matches no option, the first one still needs to be reachable with Tab.
  const tabStop = selectedIndex === -1 ? 0 : selectedIndex;

  const select = (index: number) => {
    const option = options[index];
    if (!option) return;
    onChange(option.value);
    buttons.current[index]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = options.length - 1;
    const next: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowDown: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      ArrowUp: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <span id={labelId} className={hideLabel ? "sr-only" : "text-xs font-medium text-zinc-400"}>
        {label}
      </span>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-disabled={disabled || undefined}
        className="inline-flex w-fit rounded-lg border border-zinc-800 bg-zinc-950 p-0.5"
      >
        {options.map((option, index) => {
          const checked = option.value === value;
          return (
            <button
              key={option.value}
              ref={(node) => {
                buttons.current[index] = node;
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={index === tabStop ? 0 : -1}
              disabled={disabled}
              onClick={() => onChange(option.value)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className="toggle-option"
            >
              {option.icon}
              {option.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}
