import { spawn } from "node:child_process";
import { openSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StreamInput, Studio } from "@/lib/agent/studio";
import { AppError, isErrorCode } from "@/lib/errors";
import type { GenerationInputDraft } from "@/lib/jobs/schema";
import { taskDefinition, type Task } from "@/lib/tasks/registry";
import { settleWebhook } from "./context";
import { errorText } from "@/lib/secrets";

/**
 * `--submit` for a job this process would have to carry to its end — run in-process, or a streamed
 * answer (a studio cancels a text job whose reader leaves) — is handed to a detached copy of the
 * worker. It starts the job, tells its id back over IPC (then this process prints it and exits),
 * drives the job to its end and sends its webhook. `status` and `result` find it in the record.
 * Its stderr goes to a log file in the temp directory.
 */

export type DetachedJob = { task: Task; input: Record<string, unknown>; opts: { webhookUrl?: string }; server?: string };
type Reply = { id: string } | { error: { code: string; message: string } };

/** The hidden command the detached process runs. */
export const DRIVE_COMMAND = "__drive";

export function submitDetached(job: DetachedJob, log: (line: string) => void): Promise<string> {
  const logFile = path.join(os.tmpdir(), `studio-worker-${Date.now()}-${process.pid}.log`);
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, DRIVE_COMMAND], {
    detached: true,
    stdio: ["ignore", "ignore", openSync(logFile, "a"), "ipc"],
  });
  return new Promise<string>((resolve, reject) => {
    const gone = (code: number | null) => reject(new AppError("internal", `The process driving the job stopped before it started (exit ${code}); see ${logFile}.`));
    child.once("exit", gone);
    child.once("message", (reply: Reply) => {
      child.off("exit", gone);
      child.disconnect();
      child.unref();
      if ("error" in reply) return reject(new AppError(isErrorCode(reply.error.code) ? reply.error.code : "internal", reply.error.message));
      log(`job ${reply.id} goes on in process ${child.pid} (log: ${logFile})`);
      resolve(reply.id);
    });
    child.send(job);
  });
}

/** The detached side: runs one job to its end. */
export async function driveDetached(connectTo: (server: string | undefined) => Promise<Studio>): Promise<number> {
  // Its parent sends the job at once; a parent gone before that leaves nothing to do.
  const job = await new Promise<DetachedJob>((resolve) => {
    const orphaned = () => process.exit(1);
    process.once("disconnect", orphaned).once("message", (m) => {
      process.off("disconnect", orphaned);
      resolve(m as DetachedJob);
    });
  });
  const tell = (reply: Reply) => new Promise<void>((resolve) => (process.connected ? process.send!(reply, () => resolve()) : resolve()));
  const studio = await connectTo(job.server);
  try {
    let id: string | undefined;
    const known = (jobId: string) => {
      id = jobId;
      void tell({ id: jobId }).then(() => process.connected && process.disconnect());
    };
    const finished =
      taskDefinition(job.task).runs === "stream"
        ? await studio.stream(job.input as StreamInput, (e) => e.type === "job" && typeof e.id === "string" && known(e.id), job.opts)
        : await studio.start(job.input as GenerationInputDraft, job.opts).then((started) => (known(started.id), studio.wait(started.id)));
    console.error(`[studio] job ${id} ended ${finished.status}`);
    await settleWebhook(studio, finished, (line) => console.error(`[studio] ${line}`));
    return 0;
  } catch (err) {
    const appError = err instanceof AppError ? err : new AppError("internal", err instanceof Error ? err.message : String(err));
    await tell({ error: { code: appError.code, message: appError.message } });
    console.error("[studio] the job could not be driven:", errorText(err, { stack: true }));
    return 1;
  } finally {
    await studio.close();
  }
}
