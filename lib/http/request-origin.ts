import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// A host as a browser would send it: name or IPv4/IPv6 literal, optional port. Anything else is ignored.
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

/**
 * This studio's public origin, for absolute links (share URLs, Open Graph): STUDIO_PUBLIC_URL when
 * set, otherwise what the request says (a reverse proxy's x-forwarded-proto / x-forwarded-host,
 * then Host).
 */
export async function requestOrigin(): Promise<string> {
  const configured = env().STUDIO_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = [first(h.get("x-forwarded-host")), first(h.get("host"))].find((v) => v && HOST.test(v)) ?? `localhost:${env().PORT}`;
  const forwarded = first(h.get("x-forwarded-proto"))?.toLowerCase();
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return `${proto}://${host}`;
}
