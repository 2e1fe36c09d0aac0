"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

// Formatters are costly to build (tens of µs each, more than the formatting); a page may show many times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(withDate: boolean, seconds: boolean, utc: boolean): Intl.DateTimeFormat {
  const key = `${withDate}${seconds}${utc}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" } : {}),
      ...(withDate ? { day: "numeric", month: "short", year: "numeric" } : {}),
      hourCycle: "h23",
      ...(utc ? { timeZone: "UTC" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A time in the viewer's own time zone. The server does not know that zone, so it renders UTC
 * (marked as such) and the browser switches to local time right after hydration.
 */
export function LocalTime({ iso, withDate = false, seconds = false, className }: { iso: string; withDate?: boolean; seconds?: boolean; className?: string }) {
  const client = useSyncExternalStore(subscribe, () => true, () => false);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const text = formatter(withDate, seconds, !client).format(d);
  return (
    <time dateTime={iso} className={className}>
      {client ? text : `${text} UTC`}
    </time>
  );
}
