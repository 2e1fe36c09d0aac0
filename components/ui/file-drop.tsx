"use client";

import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";
import { UploadIcon } from "./icons";

interface FileDropProps {
  /** Same syntax as <input accept>: MIME types, wildcards and extensions, e.g. "image/png,image/jpeg,.webp". */
  accept: string;
  label: string;
  description?: string;
  onFile(file: File): void;
  disabled?: boolean;
  /** id of the hidden file input (what e2e tests call setInputFiles on). */
  id: string;
  className?: string;
}

/** Mirrors the browser's own accept matching, which drag-and-drop and "All files" in the picker both bypass. */
function matchesAccept(file: File, accept: string): boolean {
  const rules = accept
    .split(",")
    .map((rule) => rule.trim().toLowerCase())
    .filter(Boolean);
  if (rules.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return rules.some((rule) => {
    if (rule.startsWith(".")) return name.endsWith(rule);
    if (rule.endsWith("/*")) return type.startsWith(rule.slice(0, -1));
    return type === rule;
  });
}

/** Why a file is not taken, or null when it is. */
export function refusal(file: File, accept: string): string | null {
  return matchesAccept(file, accept) ? null : `“${file.name}” isn't a supported file. Accepted: ${accept.split(",").join(", ")}.`;
}

export function FileDrop({ accept, label, description, onFile, disabled = false, id, className }: FileDropProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = `${useId()}-error`;

  const take = (file: File | undefined) => {
    if (!file) return;
    setError(refusal(file, accept));
    if (matchesAccept(file, accept)) onFile(file);
  };

  const openPicker = () => {
    if (!disabled) inputRef.current?.click();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault(); // Space would otherwise scroll the page.
      openPicker();
    }
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    // preventDefault is what marks the zone as a valid drop target.
    event.preventDefault();
    if (disabled) {
      event.dataTransfer.dropEffect = "none";
      return;
    }
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    // Moving over a child fires dragleave on the zone; only reset when the pointer really left.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) take(event.dataTransfer.files[0]);
  };

  return (
    <div className={cn("flex flex-col gap-2", className)}>
      <div
        role="button"
        tabIndex={disabled ? -1 : 0}
        // Named by its visible text (label and description), as speech input expects (WCAG 2.5.3).
        aria-describedby={error ? errorId : undefined}
        aria-disabled={disabled || undefined}
        onClick={openPicker}
        onKeyDown={onKeyDown}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed px-6 py-10 text-center transition-colors",
          "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70",
          disabled
            ? "cursor-not-allowed border-zinc-800 opacity-50"
            : dragging
              ? "cursor-copy border-violet-500 bg-violet-500/10"
              : error
                ? "cursor-pointer border-rose-500/60 hover:bg-zinc-900/60"
                : "cursor-pointer border-zinc-700 hover:border-zinc-600 hover:bg-zinc-900/60",
        )}
      >
        <span
          className={cn(
            "flex size-10 items-center justify-center rounded-full ring-1",
            dragging ? "bg-violet-600/20 text-violet-300 ring-violet-500/40" : "bg-zinc-900 text-zinc-400 ring-zinc-800",
          )}
        >
          <UploadIcon size={20} />
        </span>
        <span className="text-sm font-medium text-zinc-100">
          {label}
        </span>
        {description && (
          <span className="text-xs text-zinc-500">
            {description}
          </span>
        )}
      </div>
      {/* Hidden but real: the drop zone above is the accessible control, this input only hosts the picker. */}
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        tabIndex={-1}
        aria-hidden="true"
        className="hidden"
        onChange={(event) => {
          take(event.currentTarget.files?.[0]);
          // Clear so picking the same file again still fires change.
          event.currentTarget.value = "";
        }}
      />
      {error && (
        <p id={errorId} role="alert" className="text-xs text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
