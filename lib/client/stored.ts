import "./zod-csp";
import * as z from "zod/mini";
import { JOB_ID_PATTERN } from "@/components/job/ids";

/**
 * What a page keeps in the browser between visits: its form's draft and the ids of its jobs. What
 * comes back is external input (another version of the studio, a hand edit): it is read through zod
 * (zod/mini: it runs as every page loads), and what does not fit falls back to the defaults instead
 * of reaching the page.
 */

export const storedKey = (kind: "draft" | "feed", page: string) => `studio:${kind}:v1:${page}`;

/** The parsed JSON under `key`, or undefined when there is none, it is not JSON, or storage is blocked. */
export function readStored(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON (undefined removes it); a full or blocked storage only loses the draft. */
export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or quota: the page works on, it just forgets on reload.
  }
}

/** A stored draft field by field: each field that fits its schema is kept, any other takes its default. */
export function draftFrom<S extends z.ZodMiniObject>(stored: unknown, schema: S, defaults: z.infer<S>): z.infer<S> {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return defaults;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodMiniType>)) {
    const parsed = field.safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as z.infer<S>;
}

/** How many jobs a page's feed keeps; older ones are still in History. */
export const FEED_CAP = 20;

const feedIdsSchema = z.array(z.string().check(z.regex(JOB_ID_PATTERN)));

/** The stored feed's job ids, newest first: unique, well-formed, at most FEED_CAP; anything else reads as an empty feed. */
export function feedIdsFrom(stored: unknown): string[] {
  const parsed = feedIdsSchema.safeParse(stored);
  return parsed.success ? [...new Set(parsed.data)].slice(0, FEED_CAP) : [];
}

/** The feed with `id` on top (moved there if it was already in), cut to FEED_CAP. */
export function withNewest(ids: readonly string[], id: string): string[] {
  return [id, ...ids.filter((x) => x !== id)].slice(0, FEED_CAP);
}
