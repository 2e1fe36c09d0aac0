import "server-only";
import { Readable } from "node:stream";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { share } from "@/lib/jobs/actions";
import { waitForJob } from "@/lib/jobs/job-events";
import { getJob, listJobs } from "@/lib/jobs/repository";
import { cancelJob, startGeneration } from "@/lib/jobs/runner";
import { parseGenerationInput } from "@/lib/jobs/generation-input";
import { promptDraftRequestSchema, type JobRecord } from "@/lib/jobs/schema";
import { readEvents } from "@/lib/jobs/stream-events";
import { storeDataUrls } from "@/lib/media/data-url";
import { storeUpload } from "@/lib/media/upload";
import { draftPromptStream } from "@/lib/prompts/draft";
import { textInputSchema } from "@/lib/tasks/text/definition";
import { textStream } from "@/lib/tasks/text/server";
import type { Studio } from "./studio";

/**
 * The studio in this process: the same functions the API routes call, on the same database, media
 * store and provider layer. The MCP route uses it inside the server; the worker uses it when no
 * studio answers (it then serves the local engine on loopback itself, see cli/in-process.ts).
 */

async function found(id: string): Promise<JobRecord> {
  const job = await getJob(id);
  if (!job) throw new AppError("not_found", "No such job.");
  return job;
}

export function localStudio(origin = env().STUDIO_PUBLIC_URL ?? `http://localhost:${env().PORT}`): Studio {
  const base = origin.replace(/\/$/, "");
  const studio: Studio = {
    where: "in-process",
    origin: base,
    start: async (input, opts) => startGeneration(parseGenerationInput(await storeDataUrls(input)), opts),
    async stream(input, onEvent, { signal = new AbortController().signal, ...opts } = {}) {
      const stream = input.task === "text" ? await textStream(textInputSchema.parse(input), signal, opts) : await draftPromptStream(promptDraftRequestSchema.parse(input), signal, opts);
      const id = await readEvents(stream, onEvent);
      if (!id) throw new AppError("internal", "The job's stream ended before it named the job.");
      return found(id);
    },
    job: found,
    wait: waitForJob,
    cancel: cancelJob,
    history: (query) => listJobs({ ...query, limit: query.limit ?? 24 }),
    async share(id) {
      const job = await share(id);
      return { job, url: `${base}/s/${job.shareId}` };
    },
    upload: (file, kind) => storeUpload(Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream<Uint8Array>), file.type, kind, file.size),
    close: async () => undefined,
  };
  return studio;
}
