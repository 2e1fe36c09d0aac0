import type { WatchEvent } from "./job-watch";

/**
 * watchJob (./job-watch, with the API client it polls through) loaded with the first job a page
 * follows rather than with the page: a generator page opens with none, and a finished job's page
 * never follows one. Same contract: returns the way to stop, which also holds before the watcher
 * has loaded.
 */
export function followJob(id: string, listener: (event: WatchEvent) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  import("./job-watch").then(
    ({ watchJob }) => {
      if (!stopped) stop = watchJob(id, listener);
    },
    () => {
      if (!stopped) listener({ type: "error", message: "Could not load the code that follows the job; reload the page." });
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
