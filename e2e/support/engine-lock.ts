import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A cross-process readers/writer lock over the one shared server's local engine.
 *
 * Tests that change the engine's knobs (latency, failure rate, concurrency) take it exclusively;
 * every other test takes it shared. Playwright runs spec files in several worker processes at
 * once, so "serial" mode inside one file is not enough: without this, `failureRate: 1` in
 * jobs.spec.ts would fail an image job running in the other worker at the same moment.
 *
 * Files only: a writer is the directory `writer/` (mkdir is atomic), a reader is a file in
 * `readers/`. A reader announces itself and then checks for a writer; a writer claims the
 * directory and then waits for the readers to leave, so one of the two always sees the other.
 * Entries of dead processes are ignored and cleaned up.
 */

const POLL_MS = 50;
// Next to the run's data dir (a fresh temp dir per run, shared by all workers through the env).
const root = path.join(os.tmpdir(), `${path.basename(process.env.E2E_DATA_DIR ?? "studio-e2e")}-engine-lock`);
const readersDir = path.join(root, "readers");
const writerDir = path.join(root, "writer");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function writerOwner(): number | undefined {
  try {
    return Number(readFileSync(path.join(writerDir, "owner"), "utf8"));
  } catch {
    return undefined;
  }
}

/** True while a live writer holds (or is claiming) the lock; removes a dead writer's claim. */
function writerActive(): boolean {
  try {
    readdirSync(writerDir);
  } catch {
    return false;
  }
  const owner = writerOwner();
  if (owner !== undefined && !alive(owner)) {
    rmSync(writerDir, { recursive: true, force: true });
    return false;
  }
  return true;
}

function liveReaders(except?: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(readersDir);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (name === except) return false;
    const pid = Number(name.split("-")[0]);
    if (alive(pid)) return true;
    rmSync(path.join(readersDir, name), { force: true });
    return false;
  });
}

export type Release = () => void;

export async function acquireShared(): Promise<Release> {
  mkdirSync(readersDir, { recursive: true });
  const name = `${process.pid}-${randomUUID()}`;
  const file = path.join(readersDir, name);
  for (;;) {
    while (writerActive()) await sleep(POLL_MS);
    writeFileSync(file, String(process.pid));
    if (!writerActive()) return () => rmSync(file, { force: true });
    // A writer came in between: step aside until it is done.
    rmSync(file, { force: true });
    await sleep(POLL_MS);
  }
}

export async function acquireExclusive(): Promise<Release> {
  mkdirSync(root, { recursive: true });
  for (;;) {
    try {
      mkdirSync(writerDir);
      break;
    } catch {
      writerActive(); // cleans up a dead writer's claim
      await sleep(POLL_MS);
    }
  }
  writeFileSync(path.join(writerDir, "owner"), String(process.pid));
  while (liveReaders().length > 0) await sleep(POLL_MS);
  return () => rmSync(writerDir, { recursive: true, force: true });
}
