import "server-only";
import { dbStatus } from "@/lib/db/client";
import { diskStatus } from "@/lib/disk";
import { engines, env } from "@/lib/env";
import { blobStoreStatus } from "@/lib/media/blob-store";
import { processSingleton } from "@/lib/process-singleton";
import { toolStatus } from "@/lib/system-tools";
import type { Task } from "@/lib/tasks/registry";

export type Feature = { available: true } | { available: false; reason: string };
const available: Feature = { available: true };
const missing = (reason: string): Feature => ({ available: false, reason });

/** What the studio runs on, and which local features this machine can serve. */
export async function health() {
  const e = engines();
  const [tools, database, media, disk] = await Promise.all([toolStatus(), dbStatus(), blobStoreStatus(), diskStatus()]);
  const local = e.fal === "local";
  // Keyed by task: a new task must say what it needs here, or it does not compile.
  const features: Record<Task, Feature> = {
    image: available,
    inpaint: available,
    video: local && !tools.ffmpeg
      ? missing("Video on the local engine needs ffmpeg (Debian/Ubuntu: apt-get install ffmpeg).")
      : available,
    transcribe: local && !(tools.ffmpeg && tools.pocketsphinx)
      ? missing("Offline transcription needs ffmpeg and pocketsphinx (Debian/Ubuntu: apt-get install ffmpeg pocketsphinx pocketsphinx-en-us).")
      : available,
    // Cut out from the border colours in plain JavaScript and sharp: no tool to install.
    background: available,
    speech: local && !(tools["espeak-ng"] && tools.ffmpeg) ? missing("Speech on the local engine needs espeak-ng and ffmpeg (Debian/Ubuntu: apt-get install espeak-ng ffmpeg).") : available,
    // Edges are computed here; pose and depth maps come from the editor or an upload on the local engine.
    control: available,
    prompts: available,
    // The local engine has no language model: it answers only what it can compute (lib/local-engine/llm/answer.ts).
    text: available,
  };
  return {
    ok: database.ok && media.ok && disk.ok,
    database,
    media,
    disk,
    engine: { fal: e.fal, llm: e.llm },
    keys: { fal: Boolean(env().FAL_KEY), openai: Boolean(env().OPENAI_API_KEY) },
    tools,
    features,
  };
}
export type Health = Awaited<ReturnType<typeof health>>;

// Long enough that pages under load share a check, short enough that the storage banner follows
// a full disk or a lost database within seconds.
const PAGE_HEALTH_MS = 3_000;
// Per process, not per route bundle: the first page's check also serves the start-up's report (lib/resume-work.ts).
const shared = processSingleton<{ recent?: { at: number; check: Promise<Health> } }>("page-health", () => ({}));

/**
 * For server-rendered pages (the layout's banners, a page's missing tools): the last check when it
 * is under PAGE_HEALTH_MS old, so a page costs no database round trip or synced disk write of its
 * own. /api/health calls health() itself, fresh.
 */
export function pageHealth(): Promise<Health> {
  const now = Date.now();
  if (!shared.recent || now - shared.recent.at >= PAGE_HEALTH_MS) shared.recent = { at: now, check: health() };
  return shared.recent.check;
}
