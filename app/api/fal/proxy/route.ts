import { engines, env, internalBaseUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/body";
import { handler } from "@/lib/http/route";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { checkProxyTarget, forwardedHeaders, isForwardable } from "@/lib/providers/fal-proxy";
import { allowedEndpoints } from "@/lib/providers/models";

/**
 * fal's client proxy for browsers and scripts using `@fal-ai/client` with `proxyUrl`, speaking
 * `@fal-ai/server-proxy`'s protocol. The server adds its own key (a caller's Authorization header is
 * never passed on) and forwards only this studio's endpoints; with the local engine in use, requests
 * go to it instead of fal.ai.
 */

type Proxy = { key: string; env: ReturnType<typeof env>; endpoints: ReturnType<typeof allowedEndpoints> };
let proxy: Proxy | undefined;

/** The allowlist, built once per configuration, not per request. */
function falProxy(): Proxy {
  const key = `${engines().fal}|${internalBaseUrl()}`;
  if (proxy?.key === key && proxy.env === env()) return proxy;
  proxy = { key, env: env(), endpoints: allowedEndpoints() };
  return proxy;
}

// Endpoint inputs are small JSON; file bytes go to fal's storage upload (a signed URL), never through here.
const MAX_BODY_BYTES = 1024 * 1024;

async function forward(req: Request, method: "GET" | "POST" | "PUT"): Promise<Response> {
  const { endpoints } = falProxy();
  const target = req.headers.get("x-fal-target-url");
  const verdict = checkProxyTarget(method, target, endpoints);
  if (!verdict.ok) throw new AppError("forbidden", `The fal proxy refused this request: ${verdict.reason}.`);
  const local = engines().fal === "local";
  const url = local ? toLocalEngineUrl(target!, internalBaseUrl()) : target!;
  // A second fence behind the allowlist: whatever it let through goes to fal's hosts or this studio's engine, nowhere else.
  if (!isForwardable(url, local ? internalBaseUrl() : undefined)) throw new AppError("forbidden", "The fal proxy refused this request: not a fal address.");
  // Read once, here, within the limit.
  const body = method === "GET" ? undefined : await readBodyText(req, MAX_BODY_BYTES, "A request through the fal proxy (send files with fal's storage upload)");
  const key = env().FAL_KEY;
  // The upstream's answer is passed back as it is. The caller's signal stops the upstream call when
  // the caller hangs up, and keeps Next's fetch from deduplicating it (a Request built, a cache key,
  // the answer teed in two) as it does for a GET without one: a proxied call is never repeated.
  return fetch(url, {
    method,
    headers: forwardedHeaders(req.headers, { url, authorization: key ? `Key ${key}` : "Key local-engine" }),
    body,
    signal: req.signal,
  });
}

export const GET = handler((req) => forward(req, "GET"));
export const POST = handler((req) => forward(req, "POST"));
export const PUT = handler((req) => forward(req, "PUT"));
