import "server-only";
import type { UploadedFile } from "@/lib/client/draft-schemas";
import { getJob } from "@/lib/jobs/repository";
import { taskDefinition, type InputOf, type Task } from "@/lib/tasks/registry";
import { locateMedia } from "@/lib/media/store";
import { parseMediaName } from "@/lib/media/types";
import { mediaUrlSchema } from "@/lib/tasks/fields";
import { JOB_ID_PATTERN } from "./ids";
import { HANDOFF_TARGETS } from "./handoff";
import type { Remix, Seed } from "./remix-types";

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

export type Query = Record<string, string | string[] | undefined>;
const first = (param: string | string[] | undefined) => (Array.isArray(param) ? param[0] : param);

/** A file already in the studio named by a page's query, as a form holds an upload; undefined unless it is a stored file of that kind. */
async function loadStudioFile(param: string | string[] | undefined, kind: "image" | "audio", name: string): Promise<UploadedFile | undefined> {
  const url = first(param);
  if (!url || !mediaUrlSchema.safeParse(url).success) return undefined;
  const file = await seeded(url, name);
  return file?.uploaded.contentType.startsWith(`${kind}/`) ? file : undefined;
}

/**
 * A result handed on to the `task` page (`?image=`, `?audio=`, `?text=`, see ./handoff.ts): each
 * value the page takes lands in its field when it is the studio's own stored media of the right
 * kind, or text within the field's limit. Anything else is dropped; with nothing left the page opens empty.
 */
export async function loadHandoff<T extends Task>(query: Query, task: T): Promise<Seed<InputOf<T>> | undefined> {
  const target = HANDOFF_TARGETS[task];
  if (!target) return undefined;
  const jobFields = new Set<string>(taskDefinition(task).media.map((m) => m.field));
  const input: Record<string, unknown> = {};
  const media: Partial<Record<string, UploadedFile>> = {};
  for (const kind of ["image", "audio"] as const) {
    const spec = target[kind];
    const file = spec ? await loadStudioFile(query[kind], kind, spec.name) : undefined;
    if (!spec || !file) continue;
    media[spec.field] = file;
    // A job input (not a form-only upload such as Control's photo) also switches the form to the mode that uses it.
    if (jobFields.has(spec.field)) input[spec.field] = file.uploaded.url;
  }
  const text = first(query.text)?.trim();
  if (target.text && text && text.length <= target.text.max) input[target.text.field] = text;
  if (Object.keys(input).length === 0 && Object.keys(media).length === 0) return undefined;
  const key = JSON.stringify([query.image, query.audio, query.text].map(first));
  return { key, input: { ...target.input, ...input } as Partial<InputOf<T>>, media };
}

/**
 * The job named by `?remix=` as initial values for the `task` page, or undefined when the id is
 * malformed, unknown, or belongs to another task (the page then simply opens empty).
 */
export async function loadRemix<T extends Task>(param: string | string[] | undefined, task: T): Promise<Remix<InputOf<T>> | undefined> {
  const id = first(param);
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
  return { key: job.id, jobId: job.id, createdAt: job.createdAt, input, model: job.endpointId, media, missing };
}
