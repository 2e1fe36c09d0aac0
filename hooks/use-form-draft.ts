"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type * as z from "zod/mini";
import { draftFrom, readStored, storedKey, writeStored } from "@/lib/client/stored";

/**
 * A form's values as one object, kept per page in the browser until the person clears them: back
 * after navigating away and after a reload. A server-given start wins over the stored draft and
 * becomes the new draft: a remix (`?remix=`) sets every field; a hand-off from another page
 * (`?image=`, `?text=`, …) sets only the fields it names and keeps the rest of the draft.
 *
 * The first render uses the defaults (as the server rendered them); the stored draft follows right
 * after hydration, so server and browser agree on the first paint.
 */
/** The fields a start actually sets: one left undefined keeps the draft's value. */
function given<T extends object>(start: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(start ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function useFormDraft<S extends z.ZodMiniObject>(page: string, schema: S, defaults: z.infer<S>, initial?: Partial<z.infer<S>>) {
  type Values = z.infer<S>;
  const key = storedKey("draft", page);
  const start = useRef({ schema, defaults, initial });
  const [values, setValues] = useState<Values>(() => ({ ...defaults, ...given(initial) }));
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const { schema, defaults, initial } = start.current;
    setValues({ ...draftFrom(readStored(key), schema, defaults), ...given(initial) });
    setRestored(true);
  }, [key]);

  useEffect(() => {
    if (restored) writeStored(key, values);
  }, [restored, key, values]);

  const set = useCallback((patch: Partial<Values> | ((v: Values) => Partial<Values>)) => {
    setValues((v) => ({ ...v, ...(typeof patch === "function" ? patch(v) : patch) }));
  }, []);
  const reset = useCallback(() => setValues(start.current.defaults), []);

  return { values, set, reset, restored };
}
