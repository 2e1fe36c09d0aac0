#!/usr/bin/env node
/**
 * `npx studio <command>`: runs the worker's TypeScript sources (cli/main.ts) in a fresh Node with
 * tsx as its loader and the `react-server` condition (so `server-only` imports are empty), as
 * `npm run bench` does; paths are taken from this package, whatever the caller's directory.
 * The exit code and signals pass straight through.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", loader, path.join(root, "cli", "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  // Die by the same signal, so the caller sees it (our own listener would otherwise take it and exit 0).
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  else process.exit(code ?? 1);
});
