import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/**
 * A `next start` of the built app that a test owns, for what the shared server cannot do:
 * being stopped and started again. Same data directory and port across restarts.
 */
export type OwnServer = { url: string; stop: (signal?: NodeJS.Signals) => Promise<void>; logs: () => string };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startOwnServer(port: number, env: Record<string, string>): Promise<OwnServer> {
  const root = path.resolve(__dirname, "../..");
  let output = "";
  const proc: ChildProcess = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => (output += d));
  proc.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) {
      return {
        url,
        logs: () => output,
        stop: async (signal = "SIGTERM") => {
          proc.kill(signal);
          await exited;
        },
      };
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill("SIGKILL");
  throw new Error(`the server did not start:\n${output}`);
}
