import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A `next start` of the built app that a test owns, for what the shared server cannot do:
 * being stopped and started again, other settings, reading its memory. Same data directory and
 * port across restarts.
 */
export type OwnServer = {
  url: string;
  pid: number;
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; ms: number }>;
  logs: () => string;
  /** Resident memory now and at its peak (VmHWM), in MB, from /proc. */
  memory: () => { rssMb: number; peakMb: number };
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

const root = path.resolve(__dirname, "../..");

function spawnNext(port: number, env: Record<string, string>, host: string) {
  let output = "";
  const proc: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", host], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => (output += d));
  proc.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { proc, exited, output: () => output };
}

function readMemory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
}

export type OwnServerOptions = {
  host?: string;
  /** When the server counts as up: by default a healthy /api/health; a test of bad health waits for its 503. */
  ready?: (health: Response) => boolean;
};

export async function startOwnServer(port: number, env: Record<string, string>, { host = "127.0.0.1", ready = (r) => r.ok }: OwnServerOptions = {}): Promise<OwnServer> {
  const { proc, exited, output } = spawnNext(port, env, host);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${url}/api/health`).then(ready, () => false);
    if (ok) {
      return {
        url,
        pid: proc.pid!,
        logs: output,
        memory: () => readMemory(proc.pid!),
        stop: async (signal = "SIGTERM") => {
          const started = Date.now();
          proc.kill(signal);
          const code = await exited;
          return { code, ms: Date.now() - started };
        },
      };
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill("SIGKILL");
  throw new Error(`the server did not start:\n${output()}`);
}

/** Starts `next start` expecting it to refuse: resolves with its exit code and output once it exits. */
export async function expectRefusalToStart(port: number, env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  const { proc, exited, output } = spawnNext(port, env, "127.0.0.1");
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}
