import type { FieldErrors } from "@/lib/errors";
import type { InputOf, Task } from "@/lib/tasks/registry";

export type Checked<T extends Task> = { ok: true; data: InputOf<T> } | { ok: false; errors: FieldErrors };

/**
 * Validates a form's payload with the same schema the server uses; errors are keyed by field. The
 * task schemas (full zod) load with the first check, on submit, rather than with the page.
 */
export async function checkInput<T extends Task>(task: T, value: unknown): Promise<Checked<T>> {
  const { checkTaskInput } = await import("./task-input");
  return checkTaskInput(task, value);
}
