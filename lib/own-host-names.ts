import "server-only";

/**
 * The names this studio answers to, besides IP addresses and localhost (see lib/http/host-check.ts).
 * Read here, not through lib/env.ts, because the proxy asks before every page and that module would
 * bring all of zod into its bundle; lib/env.ts validates these same settings (with hostNameList) when
 * the server starts, and a server with a bad one does not start.
 */
export function ownHostNames(): string[] {
  const urls = [process.env.STUDIO_PUBLIC_URL, process.env.STUDIO_INTERNAL_URL].map((u) => u?.trim()).filter((u): u is string => Boolean(u));
  return [...hostNameList(process.env.STUDIO_ALLOWED_HOSTS ?? ""), ...urls.map((u) => new URL(u).hostname.toLowerCase())];
}

/** STUDIO_ALLOWED_HOSTS as a list: comma-separated, any case. */
export function hostNameList(value: string): string[] {
  return value.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
}
