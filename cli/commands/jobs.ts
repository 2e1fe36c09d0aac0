import { z } from "zod";
import type { Studio } from "@/lib/agent/studio";
import { AppError } from "@/lib/errors";
import { STATUS_FILTERS, TASKS } from "@/lib/jobs/schema";
import { UPLOAD_KINDS, type UploadKind } from "@/lib/media/upload";
import { connect } from "../connect";
import { GLOBAL_OPTIONS, settleWebhook, type Context } from "../context";
import { readLocal } from "../files";
import { describeFlags, fieldMessage, flagsOf, parseArgs, UsageError, type Flag } from "../flags";
import { documentOf, exitCodeOf, print } from "../output";
import { follow } from "./task";

/** The commands about jobs that exist already (status, result, cancel, share, history), and upload. */

type JobCommand = { usage: string; flags?: z.ZodObject; positional?: string; run(studio: Studio, arg: string, values: Record<string, unknown>, options: Parsed["options"], ctx: Context): Promise<number> };
type Parsed = ReturnType<typeof parseArgs>;

const option = (name: string, field: string, kind: Flag["kind"]): Flag => ({ name, field, kind, required: false });

const historyQuery = z.object({
  task: z.enum(TASKS).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
const uploadFlags = z.object({ kind: z.enum(Object.keys(UPLOAD_KINDS) as [UploadKind, ...UploadKind[]]).optional() });

export const JOB_COMMANDS: Record<string, JobCommand> = {
  status: {
    usage: "studio status <job-id>    the job as it is now (exit 0 whatever its state)",
    positional: "job-id",
    async run(studio, id) {
      const job = await studio.job(id);
      await print(documentOf(job, studio.origin));
      return 0;
    },
  },
  result: {
    usage: "studio result <job-id> [--no-wait] [--stream]    waits for the job and prints its document (exit 1 unless it is done)",
    positional: "job-id",
    async run(studio, id, _values, options, ctx) {
      const job = options.wait === false ? await studio.job(id) : await follow(studio, id, options.stream === true, ctx);
      await print(documentOf(job, studio.origin));
      await settleWebhook(studio, job, ctx.log);
      return exitCodeOf(job);
    },
  },
  cancel: {
    usage: "studio cancel <job-id>    cancels a queued or running job",
    positional: "job-id",
    async run(studio, id) {
      await print(documentOf(await studio.cancel(id), studio.origin));
      return 0;
    },
  },
  share: {
    usage: "studio share <job-id>    makes a finished job public; prints its document with share_url",
    positional: "job-id",
    async run(studio, id) {
      const { job, url } = await studio.share(id);
      await print(documentOf(job, studio.origin, { shareUrl: url }));
      return 0;
    },
  },
  history: {
    usage: "studio history [flags]    jobs, newest first: {\"jobs\": [...], \"next_cursor\"}",
    flags: historyQuery,
    async run(studio, _arg, values) {
      const { jobs, nextCursor } = await studio.history(historyQuery.parse(values));
      await print({ jobs: jobs.map((j) => documentOf(j, studio.origin)), next_cursor: nextCursor });
      return 0;
    },
  },
  upload: {
    usage: "studio upload <path|data:URL> [--kind image|audio]    stores a file; prints {url, path, contentType, bytes, …} (url absolute)",
    positional: "path",
    flags: uploadFlags,
    async run(studio, file, values, _options, ctx) {
      // Without --kind: an image if its bytes say so (or its name), else audio.
      const blob = await readLocal(file, (values.kind as UploadKind | undefined) ?? "image", "<path>");
      if (!values.kind && !blob.type) throw new AppError("unsupported", `Neither ${UPLOAD_KINDS.image.label} nor ${UPLOAD_KINDS.audio.label}; give --kind if it is one of them.`);
      const kind = (values.kind as UploadKind | undefined) ?? (blob.type.startsWith("image/") ? "image" : "audio");
      const stored = await studio.upload(blob, kind);
      ctx.log(`stored as ${stored.url}`);
      // The same fields whichever studio stored it; `path` is what a job's file field takes.
      const { url, contentType, bytes, width, height, durationSec } = stored;
      await print({ url: `${studio.origin}${url}`, path: url, contentType, bytes, width, height, durationSec });
      return 0;
    },
  },
};

export async function runJobCommand(name: string, argv: readonly string[], ctx: Context): Promise<number> {
  const command = JOB_COMMANDS[name]!;
  const fields = command.flags ? flagsOf(command.flags) : [];
  const extra = name === "result" ? [option("wait", "wait", "boolean"), option("stream", "stream", "boolean")] : [];
  const parsed = parseArgs(argv, fields, [...GLOBAL_OPTIONS, ...extra]);
  if (parsed.options.help) {
    process.stdout.write(`${command.usage}\n${fields.length ? `\n${describeFlags(fields)}\n` : ""}`);
    return 0;
  }
  const [arg, ...more] = parsed.positionals;
  if (command.positional && !arg) throw new UsageError(`give the ${command.positional}`);
  if (more.length || (!command.positional && arg)) throw new UsageError(`unexpected argument ${more[0] ?? arg}`);
  if (command.flags) {
    const checked = command.flags.safeParse(parsed.values);
    if (!checked.success) throw new UsageError(fieldMessage(checked.error));
  }
  const studio = await connect(ctx.server, ctx.log);
  try {
    return await command.run(studio, arg ?? "", parsed.values, parsed.options, ctx);
  } finally {
    await studio.close();
  }
}
