import { isIP } from "node:net";
import { ownHostNames } from "@/lib/own-host-names";

/**
 * DNS rebinding: a page on attacker.example can point its own name at this machine and then talk
 * to the studio as "same-origin", reading history and starting jobs. The browser still sends the
 * attacker's name as Host, so the studio answers only to names it owns: IP literals (a name is what
 * gets rebound), localhost, its public and internal addresses, and names the operator lists.
 */
function hostOf(hostHeader: string | null): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

export function isAllowedHost(hostHeader: string | null, allowedNames: readonly string[]): boolean {
  const host = hostOf(hostHeader);
  if (!host) return false;
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare)) return true;
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return allowedNames.includes(host);
}

/** Why a request's Host is refused, or undefined when the studio answers to it. */
export function hostRefusal(hostHeader: string | null): string | undefined {
  if (isAllowedHost(hostHeader, ownHostNames())) return undefined;
  return `This studio does not answer to the name ${hostHeader ?? "(none)"}. Its operator can add it to STUDIO_ALLOWED_HOSTS, or set STUDIO_PUBLIC_URL.`;
}
