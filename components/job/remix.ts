import "server-only";
import type { UploadedFile } from "@/hooks/use-upload";
import { getJob } from "@/lib/jobs/repository";
import type { ImageInput, InpaintInput, PromptDraftRequest, Task, TranscribeInput, VideoInput } from "@/lib/jobs/schema";
import { locateMedia } from "@/lib/media/store";
import { parseMediaName } from "@/lib/media/types";
import { JOB_ID_PATTERN } from "./ids";
import type { Remix } from "./remix-types";

type InputOf = {
  image: ImageInput;
  inpaint: InpaintInput;
  video: VideoInput;
  transcribe: TranscribeInput;
  prompts: PromptDraftRequest;
};

// Which input fields hold media, and the name the form shows for each.
const MEDIA_FIELDS: Record<Task, { field: string; name: string; label: string }[]> = {
  image: [{ field: "sourceImage", name: "source-image", label: "source image" }],
  inpaint: [{ field: "image", name: "image", label: "image" }],
  video: [{ field: "startImage", name: "start-frame", label: "start frame" }],
  transcribe: [{ field: "audio", name: "recording", label: "audio" }],
  prompts: [],
};

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
 * The job named by `?remix=` as initial values for the `task` page, or undefined when the id is
 * malformed, unknown, or belongs to another task (the page then simply opens empty).
 */
export async function loadRemix<T extends Task>(param: string | string[] | undefined, task: T): Promise<Remix<InputOf[T]> | undefined> {
  const id = Array.isArray(param) ? param[0] : param;
  if (!id || !JOB_ID_PATTERN.test(id)) return undefined;
  const job = await getJob(id).catch(() => undefined);
  if (!job || job.task !== task) return undefined;
  const input = { ...job.input } as InputOf[T] & { seed?: number | null };
  if (task !== "transcribe" && task !== "prompts") input.seed = job.seed ?? input.seed ?? null;

  const media: Partial<Record<string, UploadedFile>> = {};
  const missing: string[] = [];
  for (const { field, name, label } of MEDIA_FIELDS[task]) {
    const url = (job.input as Record<string, unknown>)[field];
    if (typeof url !== "string") continue;
    const file = await seeded(url, name);
    if (file) media[field] = file;
    else missing.push(label);
  }
  return { jobId: job.id, createdAt: job.createdAt, input, model: job.endpointId, media, missing };
}
