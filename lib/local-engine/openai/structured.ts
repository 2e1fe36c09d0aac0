import "server-only";
import { z } from "zod";
import { contentWords } from "@/lib/local-engine/llm/answer";
import { hashSeed } from "@/lib/local-engine/media/random";

/**
 * Structured output on the local engine: `response_format: json_schema` is answered with JSON that
 * validates against the caller's schema (what the SDKs' `.parse()` helpers expect), its strings
 * built from the conversation's words. A schema it cannot satisfy honestly (a `pattern` its text
 * does not match, contradictory bounds, a `$ref` outside the schema) is refused with a 400 naming
 * the place, never answered with JSON that would fail the caller's validation.
 */

export const responseFormatSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }).loose(),
  z.object({ type: z.literal("json_object") }).loose(),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({ name: z.string().min(1).max(64), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }).loose(),
  }).loose(),
]);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export class SchemaUnsupportedError extends Error {
  constructor(readonly at: string, reason: string) {
    super(`The local engine cannot produce JSON for the schema at ${at || "/"}: ${reason}`);
  }
}

type Schema = Record<string, unknown>;

// Nesting a caller's schema deeper than this is almost certainly recursive ($ref to itself).
const MAX_DEPTH = 24;

type Context = { root: Schema; words: string[]; prompt: string; depth: number };

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

function resolveRef(ref: string, ctx: Context, at: string): Schema {
  if (!ref.startsWith("#")) throw new SchemaUnsupportedError(at, `only local $ref values are supported, not ${ref}`);
  let node: unknown = ctx.root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isSchema(node) ? node[key] : undefined;
  }
  if (!isSchema(node)) throw new SchemaUnsupportedError(at, `$ref ${ref} points at nothing`);
  return node;
}

/** A phrase from the prompt for this place in the answer: its words, rotated so siblings differ. */
function phrase(ctx: Context, key: string, index: number, min = 0, max = Infinity): string {
  const words = ctx.words.length > 0 ? ctx.words : ["answer"];
  const start = (hashSeed(key) + index) % words.length;
  const count = Math.min(words.length, key === "title" || key === "name" ? 3 : 8);
  let text = Array.from({ length: count }, (_, i) => words[(start + i) % words.length]).join(" ");
  if (key === "title" || key === "name") text = text.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
  for (let i = 0; text.length < min; i++) text += ` ${words[i % words.length]}`;
  return text.slice(0, max);
}

function formatted(format: string, ctx: Context, index: number): string | undefined {
  const h = hashSeed(ctx.prompt, index).toString(16).padStart(8, "0");
  switch (format) {
    case "date-time": return "2026-01-01T00:00:00Z";
    case "date": return "2026-01-01";
    case "time": return "00:00:00Z";
    case "email": return "studio@example.com";
    case "uri": case "url": return "https://example.com/";
    case "uuid": return `${h}-0000-4000-8000-${h}0000`;
    case "ipv4": return "192.0.2.1";
    case "ipv6": return "2001:db8::1";
    case "hostname": return "example.com";
    default: return undefined;
  }
}

function stringFor(s: Schema, ctx: Context, key: string, index: number, at: string): string {
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  if (min > max) throw new SchemaUnsupportedError(at, "minLength is above maxLength");
  const text = (typeof s.format === "string" && formatted(s.format, ctx, index)) || phrase(ctx, key, index, min, max);
  if (typeof s.pattern === "string") {
    let re: RegExp;
    try {
      re = new RegExp(s.pattern, "u");
    } catch {
      throw new SchemaUnsupportedError(at, `pattern ${s.pattern} is not a valid regular expression`);
    }
    if (!re.test(text)) throw new SchemaUnsupportedError(at, `it cannot write text matching the pattern ${s.pattern}`);
  }
  return text;
}

function numberFor(s: Schema, ctx: Context, integer: boolean, at: string): number {
  const bound = (v: unknown) => (typeof v === "number" ? v : undefined);
  const step = bound(s.multipleOf) ?? (integer ? 1 : undefined);
  let lo = bound(s.minimum) ?? -Infinity;
  let hi = bound(s.maximum) ?? Infinity;
  const exLo = bound(s.exclusiveMinimum);
  const exHi = bound(s.exclusiveMaximum);
  const nudge = step ?? 1e-6;
  if (exLo !== undefined) lo = Math.max(lo, exLo + nudge);
  if (exHi !== undefined) hi = Math.min(hi, exHi - nudge);
  // A number the prompt mentions, if it fits; else the smallest value the schema allows above zero.
  const mentioned = (ctx.prompt.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number).find((n) => n >= lo && n <= hi && (!step || Number.isInteger(n / step)));
  if (mentioned !== undefined) return mentioned;
  let value = Math.min(Math.max(1, lo), hi);
  if (step) value = Math.ceil(value / step) * step;
  if (!(value >= lo && value <= hi) || !Number.isFinite(value)) throw new SchemaUnsupportedError(at, "no number satisfies its bounds");
  return value;
}

function instanceOf(schema: unknown, ctx: Context, key: string, index: number, at: string): unknown {
  if (schema === true || schema === undefined) return phrase(ctx, key, index);
  if (!isSchema(schema)) throw new SchemaUnsupportedError(at, "it is not a schema");
  if (ctx.depth > MAX_DEPTH) throw new SchemaUnsupportedError(at, `it nests deeper than ${MAX_DEPTH} levels`);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  if (typeof schema.$ref === "string") return instanceOf(resolveRef(schema.$ref, ctx, at), inner, key, index, at);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    // The value the prompt names, or the first.
    return schema.enum.find((v) => typeof v === "string" && ctx.words.includes(v.toLowerCase())) ?? schema.enum[0];
  }
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    // A real value rather than null where the schema allows both.
    const pick = branches.find((b) => !(isSchema(b) && b.type === "null")) ?? branches[0];
    return instanceOf(pick, inner, key, index, at);
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = { ...schema, allOf: undefined };
    for (const part of schema.allOf) {
      if (!isSchema(part)) continue;
      Object.assign(merged, part, {
        properties: { ...(merged.properties as Schema | undefined), ...(part.properties as Schema | undefined) },
        required: [...((merged.required as string[] | undefined) ?? []), ...((part.required as string[] | undefined) ?? [])],
      });
    }
    return instanceOf(merged, inner, key, index, at);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  const type = types.find((t) => t !== "null") ?? types[0] ?? (schema.properties ? "object" : schema.items ? "array" : "string");
  switch (type) {
    case "object": {
      const props = (schema.properties ?? {}) as Schema;
      return Object.fromEntries(Object.entries(props).map(([name, sub]) => [name, instanceOf(sub, inner, name, index, `${at}/properties/${name}`)]));
    }
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : 0;
      const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
      if (min > max) throw new SchemaUnsupportedError(at, "minItems is above maxItems");
      // As many items as the prompt asks for ("three ideas", "5 steps"), else three, within bounds.
      const asked = numberWanted(ctx.prompt);
      const length = Math.min(Math.max(asked ?? 3, min), max, 50);
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      return Array.from({ length: Math.max(length, prefix.length) }, (_, i) =>
        instanceOf(prefix[i] ?? schema.items, inner, key, i, `${at}/items`));
    }
    case "string": return stringFor(schema, ctx, key, index, at);
    case "integer": return numberFor(schema, ctx, true, at);
    case "number": return numberFor(schema, ctx, false, at);
    case "boolean": return true;
    case "null": return null;
    default: throw new SchemaUnsupportedError(at, `unknown type ${type}`);
  }
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function numberWanted(prompt: string): number | undefined {
  const m = prompt.toLowerCase().match(/\b(\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\p{L}+\s+)?\p{L}+s\b/u);
  if (!m) return undefined;
  const n = NUMBER_WORDS.indexOf(m[1]!);
  return n >= 0 ? n : Number(m[1]);
}

/** The JSON document answering `prompt` in the shape `schema` asks for. */
export function structuredAnswer(schema: Schema, prompt: string): unknown {
  return instanceOf(schema, { root: schema, words: contentWords(prompt), prompt, depth: 0 }, "answer", 0, "");
}

/**
 * The reply's text under a response format: unchanged for `text`, an object holding it for
 * `json_object`, a document shaped by the caller's schema for `json_schema`.
 */
export function formatReply(format: ResponseFormat | undefined, reply: string, prompt: string): string {
  if (!format || format.type === "text") return reply;
  if (format.type === "json_object") return JSON.stringify({ answer: reply });
  return JSON.stringify(structuredAnswer(format.json_schema.schema ?? { type: "object", properties: {} }, prompt));
}
