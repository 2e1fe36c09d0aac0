"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftPage, Drafts } from "@/lib/client/draft-schemas";
import { readChecked, storedKey, writeStored } from "@/lib/client/stored";

/** The fields a start actually sets: one left undefined keeps the draft's value. */
function given<T extends object>(start: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(start ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * What a form starts with, worked out by its page on the server, where the models and the seed are
 * known (see components/<task>/form-start.ts): its defaults, which Clear goes back to, and the
 * fields a seed sets.
 */
export type FormStart<P extends DraftPage> = { defaults: Drafts[P]; initial?: Partial<Drafts[P]> };

/**
 * A form's values as one object, kept per page in the browser until the person clears them: back
 * after navigating away and after a reload. A server-given start wins over the stored draft and
 * becomes the new draft: a remix (`?remix=`) sets every field; a hand-off from another page
 * (`?image=`, `?text=`, …) sets only the fields it names and keeps the rest of the draft.
 *
 * The first render uses the defaults (as the server rendered them); the stored draft follows right
 * after hydration, so server and browser agree on the first paint; its schema loads only then, and
 * only when a draft is stored.
 */
export function useFormDraft<P extends DraftPage>(page: P, { defaults, initial }: FormStart<P>) {
  type Values = Drafts[P];
  const key = storedKey("draft", page);
  const start = useRef({ page, defaults, initial });
  const [values, setValues] = useState<Values>(() => ({ ...defaults, ...given(initial) }));
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const { page, defaults, initial } = start.current;
    let live = true;
    // A failed load leaves restored false, so the stored draft is not written over.
    readChecked(key, (checks, stored) => checks.pageDraftFrom(page, stored, defaults)).then(
      (draft) => {
        if (!live) return;
        setValues({ ...(draft ?? defaults), ...given(initial) });
        setRestored(true);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [key]);

  // A draft still at the defaults is not kept (and Clear forgets it): a page opened again with
  // nothing to restore loads no checks.
  useEffect(() => {
    if (restored) writeStored(key, JSON.stringify(values) === JSON.stringify(start.current.defaults) ? undefined : values);
  }, [restored, key, values]);

  const set = useCallback((patch: Partial<Values> | ((v: Values) => Partial<Values>)) => {
    setValues((v) => ({ ...v, ...(typeof patch === "function" ? patch(v) : patch) }));
  }, []);
  const reset = useCallback(() => setValues(start.current.defaults), []);

  return { values, set, reset, restored };
}
