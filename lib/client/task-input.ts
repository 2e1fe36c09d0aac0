import "./zod-csp";
import { fieldErrors } from "@/lib/errors";
import { taskDefinition, type InputOf, type Task } from "@/lib/tasks/registry";
import type { Checked } from "./validate";

/** The check behind lib/client/validate.ts, in a module of its own so it loads only when a form is submitted. */
export function checkTaskInput<T extends Task>(task: T, value: unknown): Checked<T> {
  const parsed = taskDefinition(task).input.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data as InputOf<T> } : { ok: false, errors: fieldErrors(parsed.error) };
}
