import type { z } from "zod";

/**
 * Command-line flags read off a zod object schema — the task registry's input schemas, so the
 * worker takes exactly the API's fields, in kebab case (`maxTokens` → `--max-tokens`) — and the
 * argument list parsed against them. Values are only shaped here (numbers, booleans, JSON, `WxH`);
 * the schema itself judges them, so a flag is refused with the same words the API would use.
 */

export type FlagKind = "string" | "number" | "boolean" | "json";
export type Flag = { name: string; field: string; kind: FlagKind; required: boolean; choices?: string[]; fallback?: unknown; size?: boolean };

/** A mistake in how the command was called: exit 2, with the usage on stderr. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[]; entries?: Record<string, string>; values?: unknown[]; shape?: Record<string, z.ZodType>; defaultValue?: unknown };
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** What a field holds under its optional / default / nullable / pipe wrappers. */
function describe(schema: z.ZodType): { kind: FlagKind; required: boolean; choices?: string[]; fallback?: unknown; size?: boolean } {
  let s = schema;
  let required = true;
  let fallback: unknown;
  for (;;) {
    const d = def(s);
    if (d.type === "optional" || d.type === "nullable" || d.type === "default") {
      required = false;
      if (d.type === "default") fallback = d.defaultValue;
      s = d.innerType!;
    } else if (d.type === "pipe") s = d.in!;
    else break;
  }
  const d = def(s);
  const enumChoices = (x: z.ZodType) => (def(x).type === "enum" ? Object.values(def(x).entries!) : undefined);
  switch (d.type) {
    case "number":
      return { kind: "number", required, fallback };
    case "boolean":
      return { kind: "boolean", required, fallback };
    case "enum":
      return { kind: "string", required, fallback, choices: enumChoices(s) };
    case "union": {
      // e.g. an image size: a preset's name, or { width, height } (also written `1024x768`).
      const choices = d.options!.flatMap((o) => enumChoices(o) ?? []);
      const size = d.options!.some((o) => def(o).type === "object" && "width" in def(o).shape! && "height" in def(o).shape!);
      return { kind: choices.length || size ? "string" : "json", required, fallback, choices: choices.length ? choices : undefined, size };
    }
    case "object":
    case "array":
    case "record":
      return { kind: "json", required, fallback };
    default:
      return { kind: "string", required, fallback };
  }
}

/** One flag per field of the schema; `task` is the command itself. */
export function flagsOf(schema: z.ZodType): Flag[] {
  const shape = def(schema).shape;
  if (!shape) throw new Error("flagsOf: not an object schema");
  return Object.entries(shape)
    .filter(([field]) => field !== "task")
    .map(([field, s]) => ({ name: kebab(field), field, ...describe(s) }));
}

/** The value a flag's text stands for; what cannot be shaped is passed on as is, for the schema to refuse. */
export function shapeValue(flag: Flag, text: string): unknown {
  switch (flag.kind) {
    case "number": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : text;
    }
    case "boolean":
      if (/^(true|1|yes)$/i.test(text)) return true;
      if (/^(false|0|no)$/i.test(text)) return false;
      return text;
    case "json":
      return parseJson(flag.name, text);
    case "string": {
      const size = flag.size ? /^(\d+)x(\d+)$/i.exec(text) : null;
      if (size) return { width: Number(size[1]), height: Number(size[2]) };
      return flag.size && text.startsWith("{") ? parseJson(flag.name, text) : text;
    }
  }
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${name}: not valid JSON`);
  }
}

export type Parsed = { values: Record<string, unknown>; options: Record<string, string | boolean>; positionals: string[] };

/**
 * Splits the arguments into field values (by the schema's flags) and the command's own options.
 * `--name value`, `--name=value`; a boolean flag alone is true, `--no-name` false.
 */
export function parseArgs(argv: readonly string[], fields: readonly Flag[], options: readonly Flag[]): Parsed {
  const parsed: Parsed = { values: {}, options: {}, positionals: [] };
  const byName = new Map<string, { flag: Flag; option: boolean }>([
    ...fields.map((flag) => [flag.name, { flag, option: false }] as const),
    ...options.map((flag) => [flag.name, { flag, option: true }] as const),
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--") || arg === "--") {
      if (arg === "--") parsed.positionals.push(...argv.slice(i + 1));
      else parsed.positionals.push(arg);
      if (arg === "--") break;
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let text: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let found = byName.get(name);
    if (!found && name.startsWith("no-") && byName.get(name.slice(3))?.flag.kind === "boolean" && text === undefined) {
      name = name.slice(3);
      found = byName.get(name);
      text = "false";
    }
    if (!found) throw new UsageError(`unknown flag --${name}`);
    const { flag, option } = found;
    if (text === undefined) {
      if (flag.kind === "boolean") text = "true";
      else if (i + 1 < argv.length) text = argv[++i]!;
      else throw new UsageError(`--${name} needs a value`);
    }
    if (option) parsed.options[flag.field] = flag.kind === "boolean" ? shapeValue(flag, text) === true : text;
    else parsed.values[flag.field] = shapeValue(flag, text);
  }
  return parsed;
}

const NOTES_AT = 30;

/** The usage lines of a set of flags, with what each takes and its default. */
export function describeFlags(flags: readonly Flag[], files: readonly string[] = []): string {
  const rows = flags.map((f) => {
    const what = files.includes(f.field) ? "file" : f.kind;
    const takes = f.kind === "boolean" ? "" : f.choices ? ` <${f.choices.join("|")}${f.size ? "|WxH" : ""}>` : f.size ? " <WxH>" : ` <${what}>`;
    const notes = [f.required ? "required" : undefined, f.fallback !== undefined ? `default ${JSON.stringify(f.fallback)}` : undefined].filter(Boolean).join(", ");
    return [`  --${f.name}${takes}`, notes];
  });
  const width = Math.min(NOTES_AT, Math.max(0, ...rows.map(([left]) => left!.length))) + 2;
  return rows.map(([left, notes]) => (notes ? `${left!.padEnd(width - 2)}  ${notes}` : left!)).join("\n");
}

/** The flag a schema error is about: `--max-tokens: At most 64,000 tokens`. */
export function fieldMessage(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [field, ...rest] = issue.path.map(String);
      const where = field ? `--${kebab(field)}${rest.length ? `.${rest.join(".")}` : ""}` : "input";
      return `${where}: ${issue.message}`;
    })
    .join("\n");
}
