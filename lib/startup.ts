import "server-only";
import { dbStatus } from "@/lib/db/client";
import { engines } from "@/lib/env";
import { startJobSweeper } from "@/lib/jobs/runner";
import { fileStore } from "@/lib/local-engine/fal/files";
import { resumeEngineQueue } from "@/lib/local-engine/fal/queue";
import { blobStoreStatus } from "@/lib/media/blob-store";

export async function startBackgroundWork(): Promise<void> {
  try {
    const [database, media] = await Promise.all([dbStatus(), blobStoreStatus()]);
    const where = (s: { kind: string; location: string; ok: boolean; error?: string }) =>
      s.ok ? `${s.kind} (${s.location})` : `${s.kind} UNAVAILABLE: ${s.error}`;
    console.log(`[studio] database: ${where(database)}; media: ${where(media)}; engine: fal=${engines().fal}, llm=${engines().llm}`);
    if (engines().fal === "local") {
      const waiting = resumeEngineQueue();
      if (waiting > 0) console.log(`[studio] local engine: ${waiting} interrupted request(s) back in the queue`);
      // Uploads cut off by the last stop, and reservations that expired meanwhile, hold disk until swept.
      await fileStore().sweep().catch((err: unknown) => console.error("[studio] local engine: could not sweep its uploads:", err));
    }
    // Jobs need the database; without it the sweeper keeps trying and picks them up once it is back.
    startJobSweeper();
  } catch (err) {
    console.error("[studio] start-up checks failed:", err instanceof Error ? err.message : err);
  }
}
