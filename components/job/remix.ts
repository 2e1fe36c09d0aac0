import "server-only";
import type { UploadedFile } from "@/hooks/use-upload";
import { getJob } from "@/lib/jobs/repository";
import { taskDefinition, type InputOf, type Task } from "@/lib/tasks/registry";
import { locateMedia } from "@/lib/media/store";
import { parseMediaName } from "@/lib/media/types";
import { mediaUrlSchema } from "@/lib/tasks/fields";
import { JOB_ID_PATTERN } from "./ids";
import type { Remix } from "./remix-types";

async function seeded(url: string, name: string): Promise<UploadedFile | undefined> {
  const found = await locateMedia(url);
  const parts = parseMediaName(url);
  if (!found || !parts) return undefined;
  return {
    name: `${name}.${parts.ext}`,
    preview: found.url,
    uploaded: { url: found.url, contentType: found.contentType, bytes: found.bytes, width: found.width, height: found.height },
  };
}

/**
 * A file already in the studio named by a page's query (e.g. `/transcribe?audio=/api/media/….mp3`,
 * from Speech's "Transcribe this"), as a form holds an upload; undefined unless it is a stored file of that kind.
 */
export async function loadStudioFile(param: string | string[] | undefined, kind: "image" | "audio", name: string): Promise<UploadedFile | undefined> {
  const url = Array.isArray(param) ? param[0] : param;
  if (!url || !mediaUrlSchema.safeParse(url).success) return undefined;
  const file = await seeded(url, name);
  return file?.uploaded.contentType.startsWith(`${kind}/`) ? file : undefined;
}

/**
 * The job named by `?remix=` as initial values for the `task` page, or undefined when the id is
 * malformed, unknown, or belongs to another task (the page then simply opens empty).
 */
export async function loadRemix<T extends Task>(param: string | string[] | undefined, task: T): Promise<Remix<InputOf<T>> | undefined> {
  const id = Array.isArray(param) ? param[0] : param;
  if (!id || !JOB_ID_PATTERN.test(id)) return undefined;
  const job = await getJob(id).catch(() => undefined);
  if (!job || job.task !== task) return undefined;
  const def = taskDefinition(task);
  const input = { ...job.input } as InputOf<T> & { seed?: number | null };
  if (def.seeded) input.seed = job.seed ?? input.seed ?? null;

  const media: Partial<Record<string, UploadedFile>> = {};
  const missing: string[] = [];
  for (const { field, name, label, remix } of def.media) {
    if (remix === false) continue;
    const url = (job.input as Record<string, unknown>)[field];
    if (typeof url !== "string") continue;
    const file = await seeded(url, name);
    if (file) media[field] = file;
    else missing.push(label.toLowerCase());
  }
  return { jobId: job.id, createdAt: job.createdAt, input, model: job.endpointId, media, missing };
}
