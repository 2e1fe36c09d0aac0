import "server-only";
import { readFile } from "node:fs/promises";

/**
 * Whether this server listens on loopback only, read from the kernel's socket table (Linux) so it is
 * right however the server was started (`npm start` binds to HOST; a bare `next start` binds to
 * every interface). "unknown" where /proc is not there to ask.
 */
export type Exposure = "loopback" | "network" | "unknown";

const LISTEN = "0A";

export async function listenExposure(port: number): Promise<Exposure> {
  // Kernel tables, not project files: the comment keeps the build from tracing the whole project for them.
  const tables = await Promise.all(["/proc/self/net/tcp", "/proc/self/net/tcp6"].map((f) => readFile(/* turbopackIgnore: true */ f, "utf8").catch(() => "")));
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const addresses = tables
    .flatMap((t) => t.split("\n").slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[3] === LISTEN && cols[1]?.endsWith(`:${hex}`))
    .map((cols) => cols[1]!.split(":")[0]!);
  if (addresses.length === 0) return "unknown";
  return addresses.every(isLoopback) ? "loopback" : "network";
}

/** Kernel hex, little-endian per 32-bit word: 127.x.x.x is `..7F` in IPv4, ::1 and ::ffff:127.x in IPv6. */
function isLoopback(hexAddress: string): boolean {
  if (hexAddress.length === 8) return hexAddress.endsWith("7F");
  return hexAddress === "00000000000000000000000001000000" || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/i.test(hexAddress);
}
