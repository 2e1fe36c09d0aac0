import { createRouteHandler } from "@fal-ai/server-proxy/nextjs";
import { engines, env, internalBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { handler } from "@/lib/http/route";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { checkProxyTarget, serverProxyAllowlist } from "@/lib/providers/fal-proxy";
import { allowedEndpoints } from "@/lib/providers/models";

/**
 * fal's client proxy for browsers and scripts using `@fal-ai/client` with `proxyUrl`. The server
 * adds its own key (a caller's Authorization header is never passed on) and forwards only this
 * studio's endpoints; with the local engine in use, requests go to it instead of fal.ai.
 */

type RouteHandler = (req: Request) => Promise<Response>;
let proxy: { key: string; handle: { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler } } | undefined;

function falProxy() {
  const local = engines().fal === "local";
  const map = local ? (url: string) => toLocalEngineUrl(url, internalBaseUrl()) : undefined;
  const key = `${local}|${internalBaseUrl()}`;
  if (proxy?.key === key) return proxy.handle;
  const handle = createRouteHandler({
    ...serverProxyAllowlist(allowedEndpoints(), map),
    // Access is checked before the library runs (checkProxyTarget); it must not fall back to
    // forwarding unauthenticated calls with whatever key a caller brings.
    allowUnauthorizedRequests: false,
    isAuthenticated: async () => true,
    resolveFalAuth: async () => (env().FAL_KEY ? `Key ${env().FAL_KEY}` : "Key local-engine"),
  }) as unknown as { GET: RouteHandler; POST: RouteHandler; PUT: RouteHandler };
  proxy = { key, handle };
  return handle;
}

// Endpoint inputs are small JSON; file bytes go to fal's storage upload (a signed URL), never through here.
const MAX_BODY_BYTES = 1024 * 1024;

async function forward(req: Request, method: "GET" | "POST" | "PUT"): Promise<Response> {
  const target = req.headers.get("x-fal-target-url");
  const verdict = checkProxyTarget(method, target, allowedEndpoints());
  if (!verdict.ok) throw new AppError("forbidden", `The fal proxy refused this request: ${verdict.reason}.`);
  // Read here, within the limit, so the proxy library (which reads the body whole) never sees more.
  const body = method === "GET" ? undefined : await readBodyText(req, MAX_BODY_BYTES, "A request through the fal proxy (send files with fal's storage upload)");
  const headers = new Headers(req.headers);
  for (const framing of ["content-length", "transfer-encoding"]) headers.delete(framing);
  if (engines().fal === "local") {
    headers.set("x-fal-target-url", toLocalEngineUrl(target!, internalBaseUrl()));
    headers.delete("authorization");
  }
  return falProxy()[method](new Request(req.url, { method, headers, body }));
}

export const GET = handler((req) => forward(req, "GET"));
export const POST = handler((req) => forward(req, "POST"));
export const PUT = handler((req) => forward(req, "PUT"));
