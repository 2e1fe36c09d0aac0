import "./zod-csp";
import type { z } from "zod";
import { fieldErrors, type FieldErrors } from "@/lib/errors";

/** Validates a form's payload with the same schema the server uses; errors are keyed by field. */
export function check<S extends z.ZodType>(schema: S, value: unknown): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}
