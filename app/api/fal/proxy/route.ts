import { handleRequest, resolveProxyConfig } from "@fal-ai/server-proxy";
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

type Proxy = { key: string; env: ReturnType<typeof env>; endpoints: ReturnType<typeof allowedEndpoints>; config: ReturnType<typeof resolveProxyConfig>; local: boolean };
let proxy: Proxy | undefined;

/** The allowlist and the library's settings, built once per configuration, not per request. */
function falProxy(): Proxy {
  const local = engines().fal === "local";
  const key = `${local}|${internalBaseUrl()}`;
  if (proxy?.key === key && proxy.env === env()) return proxy;
  const map = local ? (url: string) => toLocalEngineUrl(url, internalBaseUrl()) : undefined;
  const config = resolveProxyConfig({
    ...serverProxyAllowlist(map),
    // Access is checked before the library runs (checkProxyTarget); it must not fall back to
    // forwarding unauthenticated calls with whatever key a caller brings.
    allowUnauthorizedRequests: false,
    isAuthenticated: async () => true,
    resolveFalAuth: async () => (env().FAL_KEY ? `Key ${env().FAL_KEY}` : "Key local-engine"),
  });
  proxy = { key, env: env(), endpoints: allowedEndpoints(), config, local };
  return proxy;
}

// Endpoint inputs are small JSON; file bytes go to fal's storage upload (a signed URL), never through here.
const MAX_BODY_BYTES = 1024 * 1024;

async function forward(req: Request, method: "GET" | "POST" | "PUT"): Promise<Response> {
  const { endpoints, config, local } = falProxy();
  const target = req.headers.get("x-fal-target-url");
  const verdict = checkProxyTarget(method, target, endpoints);
  if (!verdict.ok) throw new AppError("forbidden", `The fal proxy refused this request: ${verdict.reason}.`);
  // Read once, here, within the limit; the library is handed this text rather than reading the body again.
  const body = method === "GET" ? undefined : await readBodyText(req, MAX_BODY_BYTES, "A request through the fal proxy (send files with fal's storage upload)");
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => (headers[name] = value));
  if (local) {
    headers["x-fal-target-url"] = toLocalEngineUrl(target!, internalBaseUrl());
    delete headers.authorization;
  }
  const responseHeaders = new Headers();
  return handleRequest<Response>(
    {
      id: "nextjs-app-router",
      method,
      getRequestBody: async () => body,
      getHeaders: () => headers,
      getHeader: (name) => headers[name.toLowerCase()] ?? null,
      sendHeader: (name, value) => responseHeaders.set(name, value),
      respondWith: (status, data) => Response.json(data, { status, headers: responseHeaders }),
      sendResponse: async (res) => res,
    },
    config,
  );
}

export const GET = handler((req) => forward(req, "GET"));
export const POST = handler((req) => forward(req, "POST"));
export const PUT = handler((req) => forward(req, "PUT"));
