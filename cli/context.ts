import { readFile } from "node:fs/promises";
import type { Studio } from "@/lib/agent/studio";
import { isTerminal, type JobRecord } from "@/lib/jobs/schema";
import { sleep } from "@/lib/sleep";
import { UsageError, type Flag } from "./flags";

/** What every command is handed: its options, and where logs and progress go (stderr, unless --quiet). */
export type Context = {
  quiet: boolean;
  verbose: boolean;
  server?: string;
  log: (line: string) => void;
};

const option = (name: string, field: string, kind: Flag["kind"]): Flag => ({ name, field, kind, required: false });

/** Options every command takes. */
export const GLOBAL_OPTIONS: Flag[] = [
  option("server", "server", "string"),
  option("quiet", "quiet", "boolean"),
  option("verbose", "verbose", "boolean"),
  option("help", "help", "boolean"),
];

/** Options of the commands that start a job. */
export const JOB_OPTIONS: Flag[] = [
  option("input", "input", "string"),
  option("submit", "submit", "boolean"),
  option("stream", "stream", "boolean"),
  option("share", "share", "boolean"),
  option("webhook-url", "webhookUrl", "string"),
];

/** `--input job.json`, or `--input -` for JSON on stdin: the whole input at once (flags override it). */
export async function readInput(from: string | boolean | undefined): Promise<Record<string, unknown>> {
  if (typeof from !== "string") return {};
  const text = from === "-" ? await readStdin() : await readFile(from, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--input: cannot read ${from} (${err.code ?? err.message})`);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--input: ${from === "-" ? "standard input" : from} is not valid JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError("--input: the input must be a JSON object");
  return value as Record<string, unknown>;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const WEBHOOK_WAIT_MS = 60_000;

/**
 * In this process, a finished job's webhook is sent from here: wait (bounded) until it is delivered
 * or given up. One still pending after that is sent by the next studio started on the data directory.
 */
export async function settleWebhook(studio: Studio, job: JobRecord, log: (line: string) => void): Promise<void> {
  if (studio.where !== "in-process" || !isTerminal(job.status)) return;
  const deadline = Date.now() + WEBHOOK_WAIT_MS;
  for (let current = job; current.webhook?.state === "pending"; current = await studio.job(job.id)) {
    if (Date.now() > deadline) return log(`the webhook of job ${job.id} is still pending; a studio started on this data directory will send it`);
    await sleep(200);
  }
}
