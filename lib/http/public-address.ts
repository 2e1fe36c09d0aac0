import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { AppError } from "@/lib/errors";

/**
 * The guard for every URL the server fetches or posts to for a user (a job's webhook): http(s)
 * only, no credentials, and every address the name resolves to must be public — not loopback,
 * private, link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast or reserved,
 * IPv4 or IPv6, IPv4-mapped included. The request then connects to the address that was checked,
 * so a name that re-resolves to an inside address between check and connect (DNS rebinding)
 * cannot slip through, and it never follows redirects.
 */

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128], ["::1", 128], ["64:ff9b::", 96], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, bits, "ipv6");

/** Whether an IP literal is one the studio may reach for a user (IPv4-mapped IPv6 is checked as IPv4). */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (!family) return false;
  return !blocked.check(ip, family === 4 ? "ipv4" : "ipv6");
}

export type CheckedTarget = { url: URL; address: string; family: 4 | 6 };

export type GuardOptions = {
  /** Test setting only (STUDIO_WEBHOOK_ALLOW_PRIVATE): lets a receiver on this machine take deliveries. */
  allowPrivate?: boolean;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
};

const refuse = (message: string) => new AppError("validation", message, { webhookUrl: message });

/** Checks the form of a target URL (no DNS): what can be refused as soon as it is given. */
export function checkTargetForm(raw: string, opts: GuardOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("Give a full http(s) URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("Only http(s) URLs can take webhooks.");
  if (url.username || url.password) throw refuse("Put no user name or password in the URL; verify the signature instead.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!opts.allowPrivate) {
    if (isIP(host) && !isPublicAddress(host)) throw refuse(`${host} is not a public address.`);
    if (/(^|\.)(localhost|internal|local|localdomain|home\.arpa)$/i.test(host) || host === "metadata.google.internal") throw refuse(`${host} is not a public host.`);
  }
  return url;
}

/** Checks the URL and every address its host resolves to now; answers the address to connect to. */
export async function checkTarget(raw: string, opts: GuardOptions = {}): Promise<CheckedTarget> {
  const url = checkTargetForm(raw, opts);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  try {
    addresses = literal ? [{ address: host, family: literal }] : await (opts.resolve ?? ((h) => lookup(h, { all: true, verbatim: true })))(host);
  } catch {
    // Maybe only for now (DNS can fail for a while): "unavailable", which a delivery retries.
    throw new AppError("unavailable", `${host} does not resolve.`, { webhookUrl: `${host} does not resolve.` });
  }
  if (!addresses.length) throw refuse(`${host} does not resolve.`);
  const inside = addresses.find((a) => !isPublicAddress(a.address));
  if (inside && !opts.allowPrivate) throw refuse(`${host} resolves to ${inside.address}, which is not a public address.`);
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A fetch that connects only to the checked address (TLS still verifies the host's name) and never follows redirects. */
export function pinnedFetch(target: CheckedTarget): typeof fetch {
  const dispatcher = new Agent({
    // net.connect asks for one address or, when it races families, for all of them.
    connect: {
      lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) =>
        opts?.all ? cb(null, [{ address: target.address, family: target.family }]) : cb(null, target.address, target.family)) as never,
    },
  });
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      return await undiciFetch(input as string, { ...(init as object), redirect: "manual", dispatcher } as Parameters<typeof undiciFetch>[1]);
    } finally {
      void dispatcher.close();
    }
  }) as unknown as typeof fetch;
}
