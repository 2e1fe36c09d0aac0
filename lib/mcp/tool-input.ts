import { z } from "zod";
import { jobOptionsSchema } from "@/lib/webhooks/target";

/**
 * A tool's input, derived from its task's API schema rather than retyped, so a field, a limit or
 * an enum changed in lib/tasks reaches agents as it reaches the forms. Three things change:
 * - a task's `task` literal goes (the tool names it);
 * - defaults become optional fields: the API fills them in, and for sampling values it picks the
 *   chosen model's own (parseGenerationInput), which it can only do when the field is left out;
 * - file fields take the absolute URLs this server hands out, not only the store's own paths.
 * The API's schema still checks the whole input when the job starts (refinements included).
 */

export const FILE_HINT = "a file in this studio: the `url` upload_file answered, or an output URL of an earlier job";

function fileField(field: z.ZodType, label: string): z.ZodType {
  const file = z.string().trim().min(1).max(2048).describe(`${label}: ${FILE_HINT}.`);
  return field.safeParse(undefined).success ? file.optional() : file;
}

/** A field the API would default, made optional, its default still told in the JSON schema. */
function withoutDefault(field: z.ZodType): z.ZodType {
  if (!(field instanceof z.ZodDefault)) return field;
  const value = field.def.defaultValue;
  // z.optional, not .optional(): the inner schema may be a zod/mini one (an image size), which has no methods.
  return z.optional(field.unwrap() as z.ZodType).meta({ default: value });
}

export type ToolShape = Record<string, z.ZodType>;
/** A task's file fields (its definition's `media`). */
export type FileFields = readonly { field: string; label: string }[];

export function toolFields(schema: z.ZodObject, media: FileFields = [], omit: readonly string[] = []): ToolShape {
  const files = new Map(media.map((m) => [m.field, m.label]));
  return Object.fromEntries(
    Object.entries(schema.shape as ToolShape)
      .filter(([name, field]) => !(name === "task" && field instanceof z.ZodLiteral) && !omit.includes(name))
      .map(([name, field]) => [name, files.has(name) ? fileField(field, files.get(name)!) : withoutDefault(field)]),
  );
}

/** What every job-starting tool takes besides the task's fields. */
export const jobToolFields = {
  webhookUrl: jobOptionsSchema.shape.webhookUrl.describe("Told the finished job record, signed with the studio's key (see the studio's webhooks docs)."),
} satisfies ToolShape;

/** Queue jobs: wait for the end (the default) or come back with the record at once. */
export const waitField = z
  .boolean()
  .optional()
  .describe("Wait for the job to end (default true; at most about 50 s, after which the running job comes back — follow it with get_job). false: answer at once with the queued job.");
