import "server-only";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Stopping cleanly on SIGTERM / SIGINT. Next's own handler closes the HTTP server and exits once
 * the requests in flight have finished; this one, beside it, hands the studio's work back: it aborts
 * `shutdownSignal()` (long-running work and streams end on it) and runs the hooks. A hook's part
 * that must survive the exit is synchronous (the engine writes its queue with writeFileSync), since
 * Next may exit as soon as the server is closed. Past the grace period the process ends regardless.
 */

export const SHUTDOWN_GRACE_MS = 8_000;

// Next builds instrumentation and each route into bundles of their own, each with its own copy of
// this module, so `instanceof` cannot tell a shutdown from a cancel: a process-wide symbol can.
const SHUTDOWN = Symbol.for("studio.shutdown");

export class ShutdownError extends Error {
  readonly [SHUTDOWN] = true;
  constructor() {
    super("The server is stopping; the work resumes when it starts again.");
    this.name = "ShutdownError";
  }
}

type Hook = { name: string; run: () => void | Promise<unknown> };
type State = { stopping: boolean; controller: AbortController; hooks: Hook[] };

const state = () => processSingleton<State>("shutdown", () => ({ stopping: false, controller: new AbortController(), hooks: [] }));

export const isShuttingDown = () => state().stopping;

/** Aborted, with a ShutdownError, when the server begins to stop. */
export const shutdownSignal = () => state().controller.signal;

export const isShutdownAbort = (signal: AbortSignal) => signal.aborted && (signal.reason as { [SHUTDOWN]?: boolean } | undefined)?.[SHUTDOWN] === true;

/** `run` is called once when the server stops; its synchronous part runs before any exit. */
export function onShutdown(name: string, run: Hook["run"]): void {
  state().hooks.push({ name, run });
}

export function installShutdownHandlers(): void {
  processSingleton("shutdown-handlers", () => {
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
    return true;
  });
}

/** Exported for tests; the signal handlers call it. */
export async function shutdown(signal: "SIGTERM" | "SIGINT"): Promise<void> {
  const s = state();
  if (s.stopping) return;
  s.stopping = true;
  const started = Date.now();
  setTimeout(() => {
    console.warn(`[studio] still busy ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; exiting now`);
    process.exit(signal === "SIGTERM" ? 143 : 130);
  }, SHUTDOWN_GRACE_MS).unref();

  s.controller.abort(new ShutdownError());
  // Each hook's synchronous part runs here, before anything is awaited (Next may exit at the next turn).
  const pending = s.hooks.map(async (h) => h.run());
  console.log(`[studio] ${signal}: stopping; handed back ${s.hooks.map((h) => h.name).join(", ") || "nothing"}`);
  const outcomes = await Promise.allSettled(pending);
  outcomes.forEach((o, i) => {
    if (o.status === "rejected") console.error(`[studio] on ${signal}, ${s.hooks[i]!.name} failed:`, o.reason instanceof Error ? o.reason.message : o.reason);
  });
  console.log(`[studio] ${signal}: done in ${Date.now() - started} ms`);
}

