import { isTerminal, type GenerationInputDraft, type JobRecord } from "@/lib/jobs/schema";
import type { StreamEvent, StreamInput, Studio } from "@/lib/agent/studio";
import { TASK_NAV } from "@/lib/tasks/nav";
import { taskDefinition, type Task } from "@/lib/tasks/registry";
import { connect } from "../connect";
import { GLOBAL_OPTIONS, JOB_OPTIONS, readInput, settleWebhook, type Context } from "../context";
import { submitDetached } from "../detach";
import { checkable, resolveFile } from "../files";
import { describeFlags, fieldMessage, flagsOf, kebab, parseArgs, UsageError } from "../flags";
import { documentOf, exitCodeOf, print, printEvent } from "../output";

/**
 * `studio <task>`: one job of a task in the registry, its flags read off the task's input schema.
 * Waits and prints one document; --submit prints the job id at once; --stream prints JSON lines
 * (the text as it is written, or the queue's updates) before the document.
 */

export function taskUsage(task: Task): string {
  const def = taskDefinition(task);
  const files = def.media.map((m) => `--${kebab(m.field)}`).join(", ");
  return [
    `studio ${task} [flags]    ${TASK_NAV.find((t) => t.id === task)?.blurb ?? ""}`,
    "",
    "Input (the API's fields; --input job.json or --input - gives them all at once, flags override):",
    describeFlags(flagsOf(def.input), def.media.map((m) => m.field)),
    ...(files ? ["", `${files}: a local file path, a data: URL, or a file already in the studio (/api/media/…)`] : []),
    "",
    "Job:",
    "  --submit              print {\"request_id\"} at once; take it up with `studio status|result <id>`",
    `  --stream              JSON lines as ${def.runs === "stream" ? "the text is written" : "the job's status changes"}, then the final document`,
    "  --share               make the finished job public; the document gets share_url",
    "  --webhook-url <url>   told the finished job record, signed (README: Webhooks)",
    "  --server <url>        the studio to use (else STUDIO_URL, else http://localhost:3000; in-process when none answers)",
    "  --quiet, --verbose    no logs on stderr / a trace with errors",
  ].join("\n");
}

type Given = { input: Record<string, unknown>; opts: { webhookUrl?: string } };

/** Reads and checks the command's input before anything is sent: a mistake here exits 2. */
async function given(task: Task, argv: readonly string[]): Promise<{ parsed: ReturnType<typeof parseArgs>; given: Given }> {
  const def = taskDefinition(task);
  const parsed = parseArgs(argv, flagsOf(def.input), [...GLOBAL_OPTIONS, ...JOB_OPTIONS]);
  if (parsed.options.help) return { parsed, given: { input: {}, opts: {} } };
  if (parsed.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[0]}`);
  if (parsed.options.submit && parsed.options.stream) throw new UsageError("--submit and --stream do not go together");
  // A webhookUrl in the input file is an option, as in the API's body.
  const { webhookUrl: fromFile, ...file } = await readInput(parsed.options.input);
  const input: Record<string, unknown> = { ...file, ...parsed.values, task };
  const check = { ...input };
  for (const { field } of def.media) check[field] = checkable(check[field]);
  const result = def.input.safeParse(check);
  if (!result.success) throw new UsageError(fieldMessage(result.error));
  const webhookUrl = typeof parsed.options.webhookUrl === "string" ? parsed.options.webhookUrl : typeof fromFile === "string" ? fromFile : undefined;
  return { parsed, given: { input, opts: webhookUrl ? { webhookUrl } : {} } };
}

export async function runTask(task: Task, argv: readonly string[], ctx: Context): Promise<number> {
  const def = taskDefinition(task);
  const { parsed, given: job } = await given(task, argv);
  if (parsed.options.help) {
    process.stdout.write(`${taskUsage(task)}\n`);
    return 0;
  }
  const studio = await connect(ctx.server, ctx.log);
  try {
    for (const { field, kind } of def.media) job.input[field] = await resolveFile(studio, job.input[field], kind, `--${kebab(field)}`, ctx.log);

    if (parsed.options.submit) {
      // A job this process would carry (in-process, or a streamed answer whose reader must stay) is handed to a detached one.
      const id = studio.where === "in-process" || def.runs === "stream" ? await submitDetached({ task, ...job, server: studio.where === "in-process" ? undefined : studio.where }, ctx.log) : (await studio.start(job.input as GenerationInputDraft, job.opts)).id;
      await print({ request_id: id });
      return 0;
    }

    const streaming = parsed.options.stream === true;
    const interrupted = onInterrupt(ctx);
    let finished: JobRecord;
    let truncated = false;
    if (def.runs === "stream") {
      let id: string | undefined;
      const onEvent = (e: StreamEvent) => {
        if (e.type === "done") truncated = e.truncated === true;
        if (e.type === "job") ctx.log(`job ${(id = String(e.id))} (${String(e.model)})`);
        if (streaming) void printEvent(e);
      };
      // Stopped, the job keeps what was written (partial); over HTTP the studio ends it when the reader leaves.
      finished = await studio.stream(job.input as StreamInput, onEvent, { ...job.opts, signal: interrupted }).catch((err: unknown) => {
        if (!interrupted.aborted || !id) throw err;
        return studio.wait(id);
      });
    } else {
      const started = await studio.start(job.input as GenerationInputDraft, job.opts);
      ctx.log(`job ${started.id} submitted to ${started.endpointId}`);
      const cancel = () => void studio.cancel(started.id).catch((err: unknown) => ctx.log(`could not cancel: ${err instanceof Error ? err.message : err}`));
      // Interrupted while the job was being started: a listener added now would never run.
      if (interrupted.aborted) cancel();
      else interrupted.addEventListener("abort", cancel, { once: true });
      finished = await follow(studio, started.id, streaming, ctx);
    }
    const shareUrl = parsed.options.share && finished.status === "done" ? (await studio.share(finished.id)).url : undefined;
    await print(documentOf(finished, studio.origin, { shareUrl, truncated }));
    await settleWebhook(studio, finished, ctx.log);
    return exitCodeOf(finished);
  } finally {
    await studio.close();
  }
}

/**
 * Ctrl-C (or SIGTERM) while waiting cancels the job waited on — use --submit to leave one running —
 * and the document of the cancelled job is still printed. Said once, however often it comes.
 */
function onInterrupt(ctx: Context): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) return;
    ctx.log("interrupted: cancelling the job");
    controller.abort();
  };
  process.on("SIGINT", stop).on("SIGTERM", stop);
  return controller.signal;
}

/** Waits for a queued job, telling each change: on stderr as progress, and as JSON lines with --stream. */
export async function follow(studio: Studio, id: string, streaming: boolean, ctx: Context): Promise<JobRecord> {
  let status = "";
  let logs = 0;
  return studio.wait(id, (job) => {
    const fresh = job.logs.slice(logs).map((l) => l.message);
    logs = job.logs.length;
    if (job.status !== status || fresh.length) {
      const position = job.status === "queued" && job.queuePosition !== null ? ` (position ${job.queuePosition})` : "";
      const changed = job.status !== status ? `${job.status}${position}` : undefined;
      // The end is said last, after the log lines that led to it.
      if (changed && !isTerminal(job.status)) ctx.log(changed);
      for (const line of fresh) ctx.log(`  ${line}`);
      if (changed && isTerminal(job.status)) ctx.log(changed);
      if (streaming) void printEvent({ type: "status", request_id: id, status: job.status, queue_position: job.queuePosition, logs: fresh });
    }
    status = job.status;
  });
}
