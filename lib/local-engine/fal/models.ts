import "server-only";
import { FAMILIES, type Family, type FamilyInput } from "@/lib/providers/catalog";
import { LOCAL_GENERATORS } from "@/lib/tasks/engine";
import { MediaInputError, ToolUnavailableError } from "@/lib/system-tools";
import { fileStore, fileUrl } from "./files";
import { RunError } from "./run-error";

/** Runs catalog families on the local engine; each task module brings its families' generators. */

export type RunContext = {
  /** Origin the caller reached the engine at; output URLs are built on it. */
  origin: string;
  log: (message: string) => void;
  saveOutput: (data: Buffer, contentType: string, fileName: string) => Promise<string>;
  /** Aborted when the request is cancelled or the server stops: the work ends within a slice. */
  signal?: AbortSignal;
};

/** Validates an input as the endpoint would at submit time: 422 with fal's `detail` shape. */
export function parseInput(family: Family, rawInput: unknown): unknown {
  const parsed = FAMILIES[family].input.safeParse(rawInput);
  if (parsed.success) return parsed.data;
  throw new RunError(
    422,
    parsed.error.issues.map((issue) => ({ loc: ["body", ...issue.path.map(String)], msg: issue.message, type: issue.code })),
  );
}

/** Runs a parsed input; tool and media problems become errors the caller can show. */
export async function runModel(family: Family, input: unknown, ctx: RunContext): Promise<unknown> {
  try {
    const generate = LOCAL_GENERATORS[family] as (input: FamilyInput<Family>, ctx: RunContext) => Promise<unknown>;
    return await generate(input as FamilyInput<Family>, ctx);
  } catch (err) {
    if (err instanceof MediaInputError) throw new RunError(422, err.message);
    if (err instanceof ToolUnavailableError) throw new RunError(503, err.message);
    throw err;
  }
}

export function outputSaver(origin: string): RunContext["saveOutput"] {
  return async (data, contentType, fileName) => fileUrl(origin, await fileStore().save(data, { contentType, fileName }), fileName);
}
