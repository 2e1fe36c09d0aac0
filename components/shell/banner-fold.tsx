"use client";

import type { ReactNode } from "react";
import { ChevronDownIcon } from "@/components/ui/icons";

/**
 * A banner whose details fold away behind its summary line. Folding sets the cookie `cookie`, so
 * the server renders it folded on later pages and visits (no flash of the open banner).
 */
export function BannerFold({ summary, folded, cookie, children }: { summary: ReactNode; folded: boolean; cookie: string; children: ReactNode }) {
  return (
    <details open={!folded} className="group">
      <summary
        // On the click (mouse, touch, Enter or Space), not on `toggle`: that event comes a task later,
        // and a page left at once (a reload, a link) would keep the old state.
        onClick={(event) => {
          const willFold = (event.currentTarget.parentElement as HTMLDetailsElement).open;
          document.cookie = `${cookie}=1; path=/; max-age=${willFold ? 60 * 60 * 24 * 365 : 0}; samesite=lax`;
        }}
        className="flex cursor-pointer list-none items-center gap-2 rounded-lg focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 [&::-webkit-details-marker]:hidden">
        <span className="min-w-0 flex-1">{summary}</span>
        <ChevronDownIcon size={16} className="shrink-0 transition-transform group-open:rotate-180" />
      </summary>
      <div className="mt-1">{children}</div>
    </details>
  );
}
