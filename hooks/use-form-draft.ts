"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { draftFrom, readStored, storedKey, writeStored } from "@/lib/client/stored";

/**
 * A form's values as one object, kept per page in the browser until the person clears them: back
 * after navigating away and after a reload. A server-given start (`?remix=`, `?prompt=`, a hand-off
 * from another page) wins over the stored draft and becomes the new draft.
 *
 * The first render uses the defaults (as the server rendered them); the stored draft follows right
 * after hydration, so server and browser agree on the first paint.
 */
export function useFormDraft<S extends z.ZodObject>(page: string, schema: S, defaults: z.infer<S>, initial?: Partial<z.infer<S>>) {
  type Values = z.infer<S>;
  const key = storedKey("draft", page);
  const start = useRef({ schema, defaults, initial });
  const [values, setValues] = useState<Values>(() => ({ ...defaults, ...initial }));
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const { schema, defaults, initial } = start.current;
    if (!initial) setValues(draftFrom(readStored(key), schema, defaults));
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
