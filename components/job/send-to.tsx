"use client";

import { useEffect, useId, useRef, useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { cn } from "@/lib/cn";
import { handoffLinks, type HandoffKind } from "./handoff";

/**
 * "Send to…": a disclosure button opening the pages this result can be handed to, each a real link
 * (middle-click opens it in a tab). Escape or a click elsewhere closes it; Escape returns focus to the button.
 */
export function SendTo({ kind, value, label = "Send to…", placement = "above" }: {
  kind: HandoffKind;
  value: string;
  label?: string;
  /** Where the list opens: above the button under a result, below it in a toolbar at the top. */
  placement?: "above" | "below";
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const links = handoffLinks(kind, value);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  if (links.length === 0) return null;
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key !== "Escape" || !open) return;
        // Closes the menu only, not a dialog it sits in.
        e.stopPropagation();
        e.preventDefault();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-8 items-center gap-1.5 rounded-lg border border-zinc-700 bg-zinc-800 px-3 text-xs font-medium text-zinc-100 hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
      >
        {label}
      </button>
      <ul
        id={listId}
        hidden={!open}
        aria-label={label}
        className={cn("absolute z-30 min-w-48 rounded-xl border border-zinc-700 bg-zinc-900 p-1 shadow-xl shadow-black/40", placement === "above" ? "bottom-full left-0 mb-1" : "top-full right-0 mt-1")}
      >
        {links.map((link) => (
          <li key={link.task}>
            <AppLink
              href={link.href}
              onClick={() => setOpen(false)}
              className="block rounded-lg px-3 py-2 text-sm text-zinc-200 hover:bg-zinc-800 focus-visible:bg-zinc-800 focus-visible:outline-none"
            >
              {link.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
