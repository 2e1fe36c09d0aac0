import { createRouteHandler } from "@fal-ai/server-proxy/nextjs";
import { engines, env, internalBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
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

async function forward(req: Request, method: "GET" | "POST" | "PUT"): Promise<Response> {
  const target = req.headers.get("x-fal-target-url");
  const verdict = checkProxyTarget(method, target, allowedEndpoints());
  if (!verdict.ok) return new AppError("forbidden", `The fal proxy refused this request: ${verdict.reason}.`).toResponse();
  let request = req;
  if (engines().fal === "local") {
    const headers = new Headers(req.headers);
    headers.set("x-fal-target-url", toLocalEngineUrl(target!, internalBaseUrl()));
    headers.delete("authorization");
    request = new Request(req.url, { method, headers, body: method === "GET" ? undefined : await req.text() });
  }
  return falProxy()[method](request);
}

export const GET = (req: Request) => forward(req, "GET");
export const POST = (req: Request) => forward(req, "POST");
export const PUT = (req: Request) => forward(req, "PUT");
