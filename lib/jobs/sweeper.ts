import "server-only";
import { processSingleton } from "@/lib/process-singleton";
import { isShuttingDown, onShutdown } from "@/lib/shutdown";
import { instanceId } from "./instance";
import { hasUnclaimedJobs, pendingWebhooks, releaseFalLeases } from "./sweep-queries";
import { errorText } from "@/lib/secrets";

const SWEEP_MS = 15_000;

/**
 * Takes up unfinished jobs nobody drives (after a restart, or when another instance died) and sends
 * the webhooks still pending, at start and then every SWEEP_MS. The runner (every task, the
 * providers, the fal client) and the webhook sender load only when a sweep finds such work, so a
 * studio with none starts without them.
 */
export function startJobSweeper(): void {
  processSingleton("jobs-sweeper", () => {
    sweep();
    const timer = setInterval(sweep, SWEEP_MS).unref();
    onShutdown("job leases", async () => {
      clearInterval(timer);
      const released = await releaseFalLeases(instanceId());
      if (released) console.log(`[studio] released ${released} fal job lease(s) for other instances`);
    });
    return timer;
  });
}

function sweep() {
  if (isShuttingDown()) return;
  resumeJobs().catch((err: unknown) => console.error("[studio] could not resume unfinished jobs:", errorText(err)));
  // Webhooks of jobs that ended before a restart (or whose deliverer stopped) go out again.
  resendWebhooks().catch((err: unknown) => console.error("[studio] could not resume webhook deliveries:", errorText(err)));
}

async function resumeJobs() {
  if (!(await hasUnclaimedJobs(instanceId()))) return;
  const resumed = await (await import("./runner")).resumeUnfinished();
  if (resumed > 0) console.log(`[studio] resumed ${resumed} unfinished job${resumed === 1 ? "" : "s"}`);
}

async function resendWebhooks() {
  const ids = await pendingWebhooks();
  if (ids.length === 0) return;
  const { deliverWebhook } = await import("@/lib/webhooks/deliver");
  ids.forEach((id) => void deliverWebhook(id));
}
