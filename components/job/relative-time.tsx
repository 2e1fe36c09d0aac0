"use client";

import { useEffect, useState } from "react";
import { absoluteTime, relativeTime } from "./format";

/**
 * "5 minutes ago", kept current, with the exact local date as a tooltip. The server's rendering
 * may be a few seconds (and a time zone) off from the browser's, so the text is allowed to differ
 * at hydration and the tooltip is added once mounted.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  const [title, setTitle] = useState<string | undefined>(undefined);
  useEffect(() => {
    setTitle(absoluteTime(iso));
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [iso]);
  return (
    <time dateTime={iso} title={title} className={className} suppressHydrationWarning>
      {relativeTime(iso, now)}
    </time>
  );
}
