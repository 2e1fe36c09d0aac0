"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { MenuIcon, XIcon } from "@/components/ui/icons";
import { cn } from "@/lib/cn";
import { NavLinks } from "./nav-links";
import type { NavItem } from "./nav-items";

const MENU_ID = "studio-menu";

/**
 * The task navigation, with `footer` (engine badge, theme switch) below it. From md up it is the
 * sidebar; below md it folds behind a Menu button, a disclosure that closes on Esc, on choosing a
 * page and on a tap outside it, so no width clips a task off-screen.
 */
export function StudioNav({ items, footer }: { items: NavItem[]; footer: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  // Choosing the page already shown changes no path; it still closes the menu.
  const onClick = (event: MouseEvent) => {
    if ((event.target as Element).closest("a")) setOpen(false);
  };

  return (
    <div ref={root} className="contents">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={MENU_ID}
        onClick={() => setOpen((o) => !o)}
        className="ml-auto inline-flex items-center gap-2 rounded-lg border border-zinc-800 px-3 py-1.5 text-sm font-medium text-zinc-200 hover:bg-zinc-800/60 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 md:hidden"
      >
        {open ? <XIcon size={18} /> : <MenuIcon size={18} />}
        Menu
      </button>
      <div
        id={MENU_ID}
        onClick={onClick}
        className={cn(
          "flex-col gap-4 md:flex md:min-h-0 md:flex-1",
          open
            ? "absolute inset-x-0 top-full flex max-h-[calc(100dvh-4rem)] overflow-y-auto border-b border-zinc-800 bg-zinc-950 px-4 py-3 shadow-2xl shadow-black/40"
            : "hidden",
          "md:static md:max-h-none md:border-0 md:bg-transparent md:p-0 md:shadow-none",
        )}
      >
        <nav aria-label="Tools" className="md:mt-6 md:min-h-0 md:flex-1 md:overflow-y-auto">
          <NavLinks items={items} />
        </nav>
        <div className="flex flex-col gap-3 md:px-2">{footer}</div>
      </div>
    </div>
  );
}
