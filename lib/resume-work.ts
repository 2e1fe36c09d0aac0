import "server-only";
import { engines } from "@/lib/env";
import { pageHealth } from "@/lib/health";
import { startJobSweeper } from "@/lib/jobs/sweeper";
import { fileStore } from "@/lib/local-engine/fal/files";
import { resumeEngineQueue } from "@/lib/local-engine/fal/queue";
import { errorText } from "@/lib/secrets";

/**
 * What a start picks up again: the local engine's interrupted requests and unswept uploads, and
 * (through the job sweeper) the jobs and webhooks the last process left unfinished. Loaded by
 * lib/startup.ts once the first page has been answered; what it imports is static, so the bundle
 * holds one copy of what they share. The runner and every task, the engine's generators and the
 * webhook sender load only when there is work for them.
 */
export async function resumeWork(): Promise<void> {
  try {
    // The first page's check when it is recent, not a second database and storage check of its own.
    const { database, media } = await pageHealth();
    const where = (s: { kind: string; location: string; ok: boolean; error?: string }) =>
      s.ok ? `${s.kind} (${s.location})` : `${s.kind} UNAVAILABLE: ${s.error}`;
    console.log(`[studio] database: ${where(database)}; media: ${where(media)}; engine: fal=${engines().fal}, llm=${engines().llm}`);
    if (engines().fal === "local") {
      const waiting = resumeEngineQueue();
      if (waiting > 0) console.log(`[studio] local engine: ${waiting} interrupted request(s) back in the queue`);
      // Uploads cut off by the last stop, and reservations that expired meanwhile, hold disk until swept.
      await fileStore().sweep().catch((err: unknown) => console.error("[studio] local engine: could not sweep its uploads:", errorText(err)));
    }
    // Jobs need the database; without it the sweeper keeps trying and picks them up once it is back.
    startJobSweeper();
  } catch (err) {
    console.error("[studio] start-up checks failed:", errorText(err));
  }
}
