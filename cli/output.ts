import { AppError } from "@/lib/errors";
import { publicRecord, type PublicRecord } from "@/lib/jobs/public-record";
import { isTerminal, type JobRecord } from "@/lib/jobs/schema";
import { z } from "zod";

/**
 * What the worker prints: exactly one JSON document on stdout (with --stream, JSON lines whose last
 * one is that document). A text job answers the any-LLM contract; every other job its record's
 * results with absolute media URLs; anything that went wrong `{"error": {code, message}}`.
 */

export type ErrorBody = { code: string; message: string };

/** The answer of a text job: output, reasoning, whether it was cut short, the error, the whole record. */
export type TextDocument = { request_id: string; status: JobRecord["status"]; output: string; reasoning: string | null; partial: boolean; error: ErrorBody | null; raw: PublicRecord };

/** What went wrong, or why there is no result (yet): the job's own error, a cancel, or that it is still going. */
function problem(job: JobRecord): ErrorBody | null {
  if (job.error) return job.error;
  if (job.status === "cancelled") return { code: "cancelled", message: "The job was cancelled." };
  return isTerminal(job.status) ? null : { code: "not_finished", message: `The job is still ${job.status}; ask for its result later.` };
}

export function textDocument(job: JobRecord, origin: string, truncated = false): TextDocument {
  const text = job.text ?? "";
  const input = job.input as { maxTokens?: number };
  // The record does not keep the model's stop reason; an answer that used every allowed token was cut there.
  const atLimit = Boolean(input.maxTokens && job.usage && job.usage.outputTokens >= input.maxTokens);
  const stopped = (job.status === "failed" || job.status === "cancelled") && text.length > 0;
  return {
    request_id: job.id,
    status: job.status,
    output: text,
    reasoning: job.reasoning,
    partial: truncated || atLimit || stopped,
    error: problem(job),
    raw: publicRecord(job, origin),
  };
}

export type JobDocument = Pick<PublicRecord, "id" | "task" | "status" | "engine" | "outputs" | "seed" | "timings" | "text" | "segments" | "prompts"> & {
  request_id: string;
  model: string;
  error: ErrorBody | null;
  share_url?: string;
};

export function jobDocument(job: JobRecord, origin: string, shareUrl?: string): JobDocument {
  const pub = publicRecord(job, origin);
  return {
    request_id: job.id,
    id: job.id,
    task: job.task,
    status: job.status,
    model: job.endpointId,
    engine: job.engine,
    outputs: pub.outputs,
    seed: job.seed,
    text: job.text,
    segments: job.segments,
    prompts: job.prompts,
    timings: job.timings,
    error: problem(job),
    ...(shareUrl ? { share_url: shareUrl } : {}),
  };
}

/** The document a finished (or not yet finished) job is printed as. */
export const documentOf = (job: JobRecord, origin: string, opts: { shareUrl?: string; truncated?: boolean } = {}) =>
  job.task === "text" ? textDocument(job, origin, opts.truncated) : jobDocument(job, origin, opts.shareUrl);

/** Succeeded: exit 0; anything else the job ended as (or has not reached yet): exit 1. */
export const exitCodeOf = (job: JobRecord) => (job.status === "done" ? 0 : 1);

export function errorDocument(err: unknown, verbose: boolean): { error: ErrorBody & { fields?: Record<string, string> }; trace?: string } {
  const known = err instanceof AppError ? err : err instanceof z.ZodError ? new AppError("validation", err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")) : undefined;
  const error = known
    ? { code: known.code, message: known.message, ...(known.fields ? { fields: known.fields } : {}) }
    : { code: "internal", message: err instanceof Error ? err.message : String(err) };
  return { error, ...(verbose && err instanceof Error && err.stack ? { trace: err.stack } : {}) };
}

let answered = false;

/** Prints the command's one document (the last line, after any `printEvent` lines). */
export function print(doc: unknown): Promise<void> {
  answered = true;
  return printEvent(doc);
}

/** Prints one line of a `--stream`: a token, a status change. */
export function printEvent(event: unknown): Promise<void> {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(event)}\n`, () => resolve()));
}

/** Whether the document is out: a failure after it (settling a webhook, closing the database) must not print a second. */
export const hasAnswered = () => answered;
