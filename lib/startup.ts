import "server-only";
import { engines, env } from "@/lib/env";
import { pageHealth } from "@/lib/health";
import { startJobSweeper } from "@/lib/jobs/sweeper";
import { listenExposure } from "@/lib/listen-address";
import { fileStore } from "@/lib/local-engine/fal/files";
import { resumeEngineQueue } from "@/lib/local-engine/fal/queue";
import { installShutdownHandlers } from "@/lib/shutdown";

/**
 * Runs once per server process, from instrumentation.ts, which Next awaits before it answers
 * anyone: so only what must come first (a bad setting stops the server; shutdown is handled) is
 * awaited. The rest runs beside the first requests, which wait for the database's migrations
 * themselves. What it imports is kept light (statically, so the bundle holds one copy of what they
 * share): the runner and every task, the engine's generators and the webhook sender load only
 * when there is work for them.
 */
export async function startBackgroundWork(): Promise<void> {
  refuseToStartOnBadEnvironment();
  installShutdownHandlers();
  // The first page's banners wait for a health check (the programs this machine has, the database's
  // migrations, a synced write to the data directory): begun now, it runs beside Next loading that page.
  void pageHealth();
  void resumeWork();
}

async function resumeWork(): Promise<void> {
  await warnWhenExposed();
  try {
    // The check begun above (the first page's), not a second database and storage check of its own.
    const { database, media } = await pageHealth();
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

/** A server that starts with a bad setting would answer 500 to every call; better not to start. */
function refuseToStartOnBadEnvironment() {
  try {
    env();
  } catch (err) {
    console.error(`[studio] cannot start. ${err instanceof Error ? err.message : err}`);
    console.error("[studio] fix the variable named above (see the Configuration table in README.md) and start again.");
    process.exit(1);
  }
}

async function warnWhenExposed() {
  const exposure = await listenExposure(env().PORT);
  if (exposure === "loopback") return console.log(`[studio] listening on this machine only (port ${env().PORT})`);
  const where = exposure === "network" ? "is reachable from other machines" : "may be reachable from other machines";
  console.warn(
    `[studio] WARNING: this server ${where} and Studio has no access control: anyone who can reach it can ` +
      "run jobs on your fal.ai and OpenAI keys and see every job. Bind it to this machine (HOST=127.0.0.1, the " +
      "default of `npm start`) or put it behind your reverse proxy's authentication.",
  );
}
