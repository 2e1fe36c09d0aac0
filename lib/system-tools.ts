import "server-only";
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { processSingleton } from "@/lib/process-singleton";

export type ToolName = "ffmpeg" | "pocketsphinx" | "espeak-ng";

/** A feature needs a program this machine lacks; the message says what to install. */
export class ToolUnavailableError extends Error {
  constructor(
    readonly tool: string,
    readonly feature: string,
    message: string,
  ) {
    super(message);
    this.name = "ToolUnavailableError";
  }
}

/** The caller's media could not be used (undecodable, empty, wrong shape). */
export class MediaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MediaInputError";
  }
}

/** A program ran but failed or timed out; `stderr` holds its last words. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    message: string,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

export type RunResult = { stdout: string; stderr: string };
/** stdin: a buffer, or chunks produced on demand (written with backpressure, so a long clip's frames never pile up). */
export type RunInput = Buffer | Iterable<Buffer>;
/** `signal` stops the program (SIGKILL) and rejects with the signal's reason: a cancelled job or a shutdown. */
export type RunOptions = { timeoutMs: number; input?: RunInput; signal?: AbortSignal };

// Enough for pocketsphinx's word list of a long recording; ffmpeg's chatter only matters at the end.
const MAX_STDOUT = 32 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

/** Runs a program without a shell, feeding `input` on stdin; rejects on non-zero exit or timeout. */
export function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(opts.signal.reason);
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const onAbort = () => child.kill("SIGKILL");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    let timedOut = false;

    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs);

    child.stdout.on("data", (chunk: Buffer) => {
      if (stdoutBytes + chunk.length > MAX_STDOUT) return;
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-MAX_STDERR);
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new CommandError(cmd, null, stderr, `Could not start ${cmd}: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      const out = Buffer.concat(stdout).toString("utf8");
      if (opts.signal?.aborted) {
        reject(opts.signal.reason);
      } else if (timedOut) {
        reject(new CommandError(cmd, code, stderr, `${cmd} timed out after ${Math.round(opts.timeoutMs / 1000)} s`));
      } else if (code !== 0) {
        const why = lastLine(stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`);
        reject(new CommandError(cmd, code, stderr, `${cmd} failed: ${why}`));
      } else {
        resolve({ stdout: out, stderr });
      }
    });

    // A child that exits early (bad input) closes its stdin; that EPIPE is reported via "close".
    child.stdin.on("error", () => {});
    void feed(child.stdin, opts.input);
  });
}

async function feed(stdin: Writable, input: RunInput | undefined): Promise<void> {
  if (input === undefined || Buffer.isBuffer(input)) {
    stdin.end(input);
    return;
  }
  for (const chunk of input) {
    if (stdin.destroyed || stdin.writableEnded) return;
    if (!stdin.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stdin.off("drain", done);
          stdin.off("close", done);
          resolve();
        };
        stdin.on("drain", done);
        stdin.on("close", done);
      });
    }
  }
  stdin.end();
}

/** The last non-empty line of a program's diagnostics, which is usually the reason it stopped. */
export function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? "";
}

export type ToolStatus = { ffmpeg: boolean; pocketsphinx: boolean; "espeak-ng": boolean };

/**
 * Which external programs this machine has; probed once per process (shared by every route bundle),
 * begun by the start-up so the first page, whose banner names what is missing, need not wait for it.
 * A program counts when it is an executable on PATH; it is not run: `ffmpeg -version` cost a fork of
 * the server and ~50 ms of CPU during every cold start. One that is there but broken fails its job
 * with its own error (CommandError).
 */
export function toolStatus(): Promise<ToolStatus> {
  return processSingleton("tool-status", probeTools);
}

async function probeTools(): Promise<ToolStatus> {
  const [ffmpeg, pocketsphinx, espeak] = await Promise.all([findOnPath("ffmpeg"), hasPocketsphinx(), findOnPath("espeak-ng")]);
  return { ffmpeg: ffmpeg !== undefined, pocketsphinx, "espeak-ng": espeak !== undefined };
}

/** The recogniser is useless without its English model, which Debian ships separately. */
async function hasPocketsphinx(): Promise<boolean> {
  const bin = await findOnPath("pocketsphinx_continuous");
  if (!bin) return false;
  const model = path.join(path.dirname(bin), "..", "share", "pocketsphinx", "model", "en-us", "en-us");
  return access(model, constants.R_OK).then(
    () => true,
    () => false,
  );
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    const ok = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok) return candidate;
  }
  return undefined;
}

const INSTALL: Record<ToolName, string> = {
  ffmpeg: "apt-get install ffmpeg",
  pocketsphinx: "apt-get install pocketsphinx pocketsphinx-en-us",
  "espeak-ng": "apt-get install espeak-ng",
};

/** Throws a ToolUnavailableError naming the Debian packages when `name` is missing. */
export async function requireTool(name: ToolName, feature: string): Promise<void> {
  if ((await toolStatus())[name]) return;
  throw new ToolUnavailableError(
    name,
    feature,
    `${feature} needs ${name} (Debian: ${INSTALL[name]}). It is not available on this machine.`,
  );
}
