/**
 * The studio's response security headers, in one place: `proxy.ts` sets them on pages (the CSP with
 * a fresh nonce per request), the route wrapper on every API answer. Client-safe: links use
 * hasOwnDocumentPolicy().
 */

/** Pages that record audio; only their documents may use the microphone. */
export const RECORDING_PAGES = ["/transcribe"] as const;

/** Links to these pages load a new document so its own Permissions-Policy applies (see AppLink). */
export function hasOwnDocumentPolicy(href: string): boolean {
  const path = href.split(/[?#]/)[0]!;
  return RECORDING_PAGES.some((p) => path === p || path.startsWith(`${p}/`));
}

export function permissionsPolicy(pathname: string): string {
  const microphone = hasOwnDocumentPolicy(pathname) ? "(self)" : "()";
  return `camera=(), microphone=${microphone}, geolocation=(), payment=(), usb=(), browsing-topics=()`;
}

/**
 * Scripts run only with this request's nonce (and what those scripts load: 'strict-dynamic'); no
 * inline or injected script, no plugins, no framing, forms post only here. Images and media may also
 * come from https: a provider's own URL is shown when copying an output into the store failed.
 * Styles allow inline attributes: React components set `style` on elements.
 */
export function pageContentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce in a policy from pageContentSecurityPolicy (proxy.ts passes it on as a request header). */
export function nonceOf(policy: string | null): string | undefined {
  return policy?.match(/'nonce-([^']+)'/)?.[1];
}

/** On pages and API answers alike. */
const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** API answers are data, never documents: nothing in them may load or run if one is opened. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The common headers on any answer, and the API's sandbox CSP unless it carries its own policy. */
export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) headers.set(name, value);
  if (!headers.has("content-security-policy")) headers.set("content-security-policy", API_CONTENT_SECURITY_POLICY);
  // A stream may outlive a shutdown's close of the server; a connection left idling after it would
  // hold that close until the client's keep-alive gives up. Streams end their connection instead.
  if (headers.get("content-type")?.startsWith("text/event-stream")) headers.set("connection", "close");
}

/** `res` with applySecurityHeaders; a copy when its headers are immutable (passed through from fetch). */
export function withSecurityHeaders(res: Response): Response {
  try {
    applySecurityHeaders(res.headers);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    applySecurityHeaders(copy.headers);
    return copy;
  }
}
