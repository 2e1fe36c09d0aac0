import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

// A host as a browser would send it: name or IPv4/IPv6 literal, optional port. Anything else is ignored.
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;

/**
 * This studio's public origin, for absolute links (share URLs, Open Graph): STUDIO_PUBLIC_URL when
 * set, otherwise the request's Host. X-Forwarded-Host / -Proto count only with STUDIO_TRUST_PROXY:
 * without a proxy that sets them, anyone can send them and put their own address in a share card.
 */
export async function requestOrigin(): Promise<string> {
  const configured = env().STUDIO_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const trusted = env().STUDIO_TRUST_PROXY;
  const candidates = [trusted ? first(h.get("x-forwarded-host")) : undefined, first(h.get("host"))];
  const host = candidates.find((v) => v && HOST.test(v)) ?? `localhost:${env().PORT}`;
  const forwarded = trusted ? first(h.get("x-forwarded-proto"))?.toLowerCase() : undefined;
  const proto = forwarded === "https" || forwarded === "http" ? forwarded : "http";
  return `${proto}://${host}`;
}
