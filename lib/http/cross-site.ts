/**
 * Whether a state-changing request comes from a page on another origin. Any web page a studio user
 * visits can send a form POST or a no-cors fetch to the studio, and the browser does not ask first;
 * such requests are refused before any work. Programs (curl, SDKs, the studio calling itself) send
 * neither Sec-Fetch-Site nor Origin and are not browsers acting for a page, so they pass.
 *
 * The rule is the one Go's net/http CrossOriginProtection uses: trust Sec-Fetch-Site where the browser
 * sends it (every current browser does); otherwise compare Origin with Host; an origin the operator
 * names (the studio's public address) passes either way.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/** Undefined when the request may go on; otherwise why it is refused. */
export function crossSiteRefusal(method: string, headers: Headers, trustedOrigins: readonly string[] = []): string | undefined {
  return isSafeMethod(method) ? undefined : foreignPageRefusal(headers, trustedOrigins);
}

/** Whatever the method: undefined when the request comes from the studio's own pages or a program; otherwise why not. */
export function foreignPageRefusal(headers: Headers, trustedOrigins: readonly string[] = []): string | undefined {
  const origin = headers.get("origin");
  if (origin && trustedOrigins.includes(origin)) return undefined;

  const site = headers.get("sec-fetch-site");
  if (site) {
    // "none": the person started it themselves (typed URL, bookmark), not a page.
    if (site === "same-origin" || site === "none") return undefined;
    return `a ${site} request from ${origin ?? "another page"}`;
  }
  if (!origin) return undefined;
  if (origin === "null") return "a request from an opaque origin";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "a request with an unreadable Origin";
  }
  return originHost === headers.get("host") ? undefined : `a request from ${origin}`;
}
