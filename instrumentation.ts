/**
 * Runs once when the server starts: opens and migrates the database, resumes the local engine's
 * persisted queue, and takes up every job that was unfinished when the server last stopped.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/startup");
  await startBackgroundWork();
}
