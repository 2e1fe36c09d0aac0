import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A `next start` of the built app that a test owns, for what the shared server cannot do:
 * being stopped and started again, other settings, being attacked and measured. Same data
 * directory and port across restarts.
 */
export type OwnServer = {
  url: string;
  port: number;
  /** Pid of the process we spawned (`next start`). */
  pid: number;
  /**
   * Pid of the process that listens on the port, i.e. the one whose memory counts. Today `next
   * start` serves from the process it starts in (it renames itself "next-server"); should a Next
   * version fork a child to serve, this finds the child by the listening socket.
   */
  servingPid: () => number;
  /** Memory of the serving process, from /proc/<pid>/status. */
  memory: () => ProcessMemory;
  /** Signals the server and waits for it to exit: its exit code and how long it took. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; ms: number }>;
  logs: () => string;
};

export type OwnServerOptions = {
  /** Where it binds (`next start -H`); loopback unless a test needs otherwise. */
  host?: string;
  /** When the server counts as up: by default a healthy /api/health; a test of bad health waits for its 503. */
  ready?: (health: Response) => boolean;
  /** Runs next under `node <nodeArgs>` (e.g. `--inspect=0`), for flags NODE_OPTIONS refuses. */
  nodeArgs?: string[];
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

function spawnNext(port: number, env: Record<string, string>, { host = "127.0.0.1", nodeArgs = [] }: OwnServerOptions) {
  let output = "";
  const next = path.join(root, "node_modules/.bin/next");
  const args = ["start", "-p", String(port), "-H", host];
  const proc: ChildProcess = spawn(nodeArgs.length ? process.execPath : next, nodeArgs.length ? [...nodeArgs, next, ...args] : args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => (output += d));
  proc.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return { proc, exited, output: () => output };
}

export async function startOwnServer(port: number, env: Record<string, string>, options: OwnServerOptions = {}): Promise<OwnServer> {
  const { proc, exited, output } = spawnNext(port, env, options);
  const ready = options.ready ?? ((r: Response) => r.ok);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${url}/api/health`).then(ready, () => false);
    if (ok) {
      const pid = proc.pid!;
      let serving: number | undefined;
      const servingPid = () => (serving ??= listeningPid(pid, port));
      return {
        url,
        port,
        pid,
        servingPid,
        memory: () => processMemory(servingPid()),
        logs: output,
        stop: async (signal = "SIGTERM") => {
          const started = Date.now();
          if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
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
  const { proc, exited, output } = spawnNext(port, env, {});
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

export type IsolatedServer = OwnServer & {
  dataDir: string;
  /** Stops the server and removes its data directory (kept when E2E_KEEP_DATA=1, to look into it). */
  dispose: () => Promise<void>;
};

/**
 * A server of our own on the local engine with its own temp data directory, so attacking or
 * fuzzing it never disturbs the shared test server other specs use. Pass the dummy keys the shared
 * server has (TEST_KEYS): the engine then demands them, as it does there.
 */
export async function startIsolatedServer(opts: { prefix: string; keys: { fal: string; openai: string }; env?: Record<string, string>; nodeArgs?: string[]; port?: number }): Promise<IsolatedServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  const server = await startOwnServer(opts.port ?? (await freePort()), {
    STUDIO_ENGINE: "local",
    STUDIO_DATA_DIR: dataDir,
    STUDIO_LOCAL_CONTROL: "1",
    FAL_KEY: opts.keys.fal,
    OPENAI_API_KEY: opts.keys.openai,
    STUDIO_LOCAL_LATENCY_MS: "150",
    STUDIO_HTTP_RETRIES: "1",
    ...opts.env,
  }, { nodeArgs: opts.nodeArgs });
  return {
    ...server,
    dataDir,
    dispose: async () => {
      await server.stop();
      if (process.env.E2E_KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- process memory (Linux /proc) ----

export type ProcessMemory = { pid: number; rssMb: number; hwmMb: number };

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(m[1]) / 1024;
}

/** Resident set size now and its peak (VmHWM), in MB. */
export function processMemory(pid: number): ProcessMemory {
  return { pid, rssMb: statusField(pid, "VmRSS"), hwmMb: statusField(pid, "VmHWM") };
}

/**
 * Resets the peak (VmHWM) to the current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0),
 * so a later VmHWM is the peak of what happened since. False when the kernel refuses.
 */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may contain spaces and parentheses, so split after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // the process went away meanwhile
    }
  }
  return kids;
}

/** Socket inodes listening on 127.0.0.1:<port> (/proc/net/tcp, state 0A = LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [, local, , state] = cols;
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/** The pid, among `root` and its descendants, that holds the socket listening on `port`. */
export function listeningPid(root: number, port: number): number {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) throw new Error(`nothing listens on 127.0.0.1:${port}`);
  const queue = [root];
  const seen: number[] = [];
  while (queue.length) {
    const pid = queue.shift()!;
    seen.push(pid);
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/);
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
    queue.push(...childrenOf(pid));
  }
  throw new Error(`no process among ${seen.join(", ")} (the server and its children) listens on port ${port}`);
}
