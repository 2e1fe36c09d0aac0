"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A time in the viewer's own time zone. The server does not know that zone, so it renders UTC
 * (marked as such) and the browser switches to local time right after hydration.
 */
export function LocalTime({ iso, withDate = false, seconds = false, className }: { iso: string; withDate?: boolean; seconds?: boolean; className?: string }) {
  const client = useSyncExternalStore(subscribe, () => true, () => false);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const options: Intl.DateTimeFormatOptions = {
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    ...(withDate ? { day: "numeric", month: "short", year: "numeric" } : {}),
    hourCycle: "h23",
    ...(client ? {} : { timeZone: "UTC" }),
  };
  const text = d.toLocaleString("en-GB", options);
  return (
    <time dateTime={iso} className={className}>
      {client ? text : `${text} UTC`}
    </time>
  );
}
