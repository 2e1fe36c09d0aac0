/**
 * What a page keeps in the browser between visits: its form's draft and the ids of its jobs. What
 * comes back is external input (another version of the studio, a hand edit): it is read through the
 * checks of ./stored-checks (zod/mini), which load with the first thing stored that a page reads.
 * Nothing is kept until there is something to keep (a draft that is not the defaults, a job in the
 * feed), so a page opened again with neither loads no zod either.
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

export type StoredChecks = typeof import("./stored-checks");

/**
 * What is stored under `key`, read through `check`, or undefined when nothing is stored there (then
 * without loading the checks). A failed load (offline) rejects, leaving the stored value as it is.
 */
export async function readChecked<T>(key: string, check: (checks: StoredChecks, stored: unknown) => T): Promise<T | undefined> {
  const stored = readStored(key);
  return stored === undefined ? undefined : check(await import("./stored-checks"), stored);
}

/** How many jobs a page's feed keeps; older ones are still in History. */
export const FEED_CAP = 20;

/** The feed with `id` on top (moved there if it was already in), cut to FEED_CAP. */
export function withNewest(ids: readonly string[], id: string): string[] {
  return [id, ...ids.filter((x) => x !== id)].slice(0, FEED_CAP);
}
