// Before any schema is built: zod decides at construction whether it may compile parsers with eval.
import "./zod-csp";
import * as z from "zod/mini";
import { JOB_ID_PATTERN } from "@/components/job/ids";
import { FEED_CAP } from "./stored";
import { draftSchemas, type DraftPage, type Drafts } from "./draft-schemas";

/**
 * The checks of what a page finds stored in the browser (see ./stored.ts): it is external input
 * (another version of the studio, a hand edit), and what does not fit falls back to the defaults
 * instead of reaching the page. zod/mini, loaded only when something is stored.
 */

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

/** A page's stored draft through that page's schema. */
export function pageDraftFrom<P extends DraftPage>(page: P, stored: unknown, defaults: Drafts[P]): Drafts[P] {
  return draftFrom(stored, draftSchemas[page] as z.ZodMiniObject, defaults) as Drafts[P];
}

const feedIdsSchema = z.array(z.string().check(z.regex(JOB_ID_PATTERN)));

/** The stored feed's job ids, newest first: unique, well-formed, at most FEED_CAP; anything else reads as an empty feed. */
export function feedIdsFrom(stored: unknown): string[] {
  const parsed = feedIdsSchema.safeParse(stored);
  return parsed.success ? [...new Set(parsed.data)].slice(0, FEED_CAP) : [];
}
