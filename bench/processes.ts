import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, listeningPid, processMemory } from "../e2e/support/own-server";

/**
 * Everything the bench starts (servers, the mock upstream) and the temp dirs it makes, so it can
 * always leave nothing behind: `cleanUp` runs on the way out, on an error and on Ctrl-C.
 */
export const repoRoot = path.resolve(__dirname, "..");
const NEXT = path.join(repoRoot, "node_modules/.bin/next");
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

async function stopChild(proc: ChildProcess): Promise<void> {
  children.delete(proc);
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGTERM");
  const killer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}

export async function cleanUp(): Promise<void> {
  await Promise.all([...children].map(stopChild));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** The environment a child gets: never the caller's keys, so nothing the bench does reaches fal or OpenAI. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ["FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "OPENAI_API_KEY", "DATABASE_URL", "S3_BUCKET", "STUDIO_URL", "NODE_OPTIONS"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** Runs a command to its end (a build), its output passed through; throws on failure. */
export async function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  const proc = spawn(cmd, args, { cwd, env: childEnv(env), stdio: ["ignore", "inherit", "inherit"] });
  children.add(proc);
  const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
  children.delete(proc);
  if (code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(" ")} in ${cwd} exited ${code}`);
}

export const nextBuild = (dir: string) => run(NEXT, ["build"], dir);

/** The mock upstream (bench/mock-upstream.ts) in its own process; resolves with its origin. */
export async function startMockUpstream(): Promise<{ origin: string; host: string }> {
  const proc = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), [path.join(__dirname, "mock-upstream.ts")], { cwd: repoRoot, env: childEnv({}), stdio: ["pipe", "pipe", "inherit"] });
  children.add(proc);
  const port = await new Promise<string>((resolve, reject) => {
    proc.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    proc.once("exit", (code) => reject(new Error(`the mock upstream exited ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` };
}

export type NextServer = {
  origin: string;
  /** From spawning `next start` to the first 200 of `readyPath`. */
  coldStartMs: number;
  /** Resident memory of the serving process, in MB. */
  rssMb: () => number;
  stop: () => Promise<void>;
};

/**
 * `next start` of the app in `dir` on a free loopback port, polled every 10 ms until `readyPath`
 * answers 200 (a cold start: nothing has been asked of it before).
 */
export async function startNext(dir: string, env: Record<string, string>, readyPath: string): Promise<NextServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let output = "";
  const started = performance.now();
  const proc = spawn(NEXT, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, env: childEnv({ ...env, PORT: String(port), NODE_ENV: "production" }), stdio: ["ignore", "pipe", "pipe"] });
  children.add(proc);
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const stop = () => stopChild(proc);
  while (performance.now() - started < 60_000 && proc.exitCode === null) {
    const res = await fetch(origin + readyPath).catch(() => undefined);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) {
      const coldStartMs = performance.now() - started;
      const pid = listeningPid(proc.pid!, port);
      return { origin, coldStartMs, rssMb: () => processMemory(pid).rssMb, stop };
    }
    await sleep(10);
  }
  await stop();
  throw new Error(`next start in ${dir} gave no 200 on ${readyPath}:\n${output.slice(-2000)}`);
}
