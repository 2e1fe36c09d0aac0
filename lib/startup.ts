import "server-only";
import { env } from "@/lib/env";
import { whenIdle } from "@/lib/idle";
import { listenExposure } from "@/lib/listen-address";
import { installShutdownHandlers, isShuttingDown } from "@/lib/shutdown";
import { errorText } from "@/lib/secrets";

/**
 * Runs once per server process, from instrumentation.ts, which Next awaits before it answers
 * anyone: so only what must come first (a bad setting stops the server; shutdown is handled; an
 * exposed server says so) is done here. Start-up is CPU-bound on the one thread: resuming work
 * (lib/resume-work.ts, with the database and the local engine it loads) waits until that thread is
 * idle, so it does not compete with loading and rendering the first page, which runs the health
 * check its banners need itself.
 */
export async function startBackgroundWork(): Promise<void> {
  refuseToStartOnBadEnvironment();
  installShutdownHandlers();
  void warnWhenExposed();
  void whenIdle(RESUME_WHEN_IDLE).then(async () => {
    if (!isShuttingDown()) await (await import("@/lib/resume-work")).resumeWork();
  });
}

// Quiet for this long: the first page has been answered, or nobody has asked for one. At the latest
// after a few seconds, so jobs interrupted by a restart resume promptly on a busy server too.
const RESUME_WHEN_IDLE = { quietMs: 100, maxMs: 3_000 };

/** A server that starts with a bad setting would answer 500 to every call; better not to start. */
function refuseToStartOnBadEnvironment() {
  try {
    env();
  } catch (err) {
    console.error(`[studio] cannot start. ${errorText(err)}`);
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
