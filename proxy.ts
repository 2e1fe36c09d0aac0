import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { hostRefusal } from "@/lib/http/host-check";
import { applySecurityHeaders, pageContentSecurityPolicy, permissionsPolicy, withSecurityHeaders } from "@/lib/http/security-headers";

/**
 * Runs before routing. It refuses a Host the studio does not own (DNS rebinding, see host-check.ts;
 * the route wrapper does the same for the API). Pages get their security headers, with a CSP whose nonce is
 * fresh per request (Next puts it on its own scripts while rendering). And a path whose percent
 * escapes do not decode is answered here: past this point Next's router fails on it with a bare 500.
 *
 * API routes set their own headers in the route wrapper, and this runs on an API path only when it
 * holds a `%`: Next buffers the whole body of every request proxy.ts sees, so uploads must not pass here.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const api = pathname.startsWith("/api/");
  const wrongHost = hostRefusal(request.headers.get("host"));
  if (wrongHost) {
    return withSecurityHeaders(api ? new AppError("forbidden", wrongHost).toResponse() : new Response(wrongHost, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } }));
  }
  if (!decodes(pathname)) {
    if (!api) return page(request, new URL("/not-found", request.url)); // the studio's 404 page
    return withSecurityHeaders(new AppError("bad_request", "The path has a malformed percent escape.").toResponse());
  }
  return api ? NextResponse.next() : page(request);
}

/** Renders the page (or `rewriteTo` in its place) with this request's security headers. */
function page(request: NextRequest, rewriteTo?: URL) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const init = { request: { headers: requestHeaders } };
  const response = rewriteTo ? NextResponse.rewrite(rewriteTo, init) : NextResponse.next(init);
  response.headers.set("content-security-policy", csp);
  response.headers.set("permissions-policy", permissionsPolicy((rewriteTo ?? request.nextUrl).pathname));
  applySecurityHeaders(response.headers);
  return response;
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      // Prefetches fetch render data, not documents: no policy to carry.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // No API path of the studio holds a percent escape; one that does is checked above.
    "/api/:path(.*%.*)",
  ],
};
