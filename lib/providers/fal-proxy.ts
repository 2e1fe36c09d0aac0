import { FAL_HOSTS, LOCAL_FAL_PATH } from "@/lib/local-engine/address";
import { appIdOf, type EndpointEntry } from "./catalog";

/**
 * What the browser-facing fal proxy may forward: the studio's own endpoints (submit, sync run,
 * and status / result / cancel of their requests) and fal's storage upload. Everything else is
 * refused, so the proxy cannot be used as an open relay on the server's key.
 */

export type ProxyVerdict = { ok: true } | { ok: false; reason: string };

const STORAGE_INITIATE = "/storage/upload/initiate";
const REQUEST_PATH = /^\/([\w.-]+\/[\w.-]+)\/requests\/[\w-]+(\/status(\/stream)?|\/cancel)?$/;

/** The allowlist's lookup sets, built once per endpoint list rather than on every request. */
const compiled = new WeakMap<readonly EndpointEntry[], { ids: Set<string>; appIds: Set<string> }>();
function lookups(endpoints: readonly EndpointEntry[]) {
  let sets = compiled.get(endpoints);
  if (!sets) {
    sets = { ids: new Set(endpoints.map((e) => e.id)), appIds: new Set(endpoints.map((e) => appIdOf(e.id))) };
    compiled.set(endpoints, sets);
  }
  return sets;
}

export function checkProxyTarget(method: string, target: string | null, endpoints: readonly EndpointEntry[]): ProxyVerdict {
  if (!target) return { ok: false, reason: "Missing x-fal-target-url header" };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, reason: "The target is not a URL" };
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return { ok: false, reason: "Only https fal URLs are forwarded" };
  const verb = method.toUpperCase();
  const { ids, appIds } = lookups(endpoints);
  const path = url.pathname.replace(/\/+$/, "");

  if (url.host === "rest.fal.ai") {
    const ok = verb === "POST" && path === STORAGE_INITIATE && url.search === "?storage_type=fal-cdn-v3";
    return ok ? { ok } : { ok: false, reason: "Only fal storage uploads are forwarded to rest.fal.ai" };
  }
  if (url.host !== "queue.fal.run" && url.host !== "fal.run") return { ok: false, reason: `${url.host} is not a fal endpoint host` };
  if (url.search && !(url.host === "queue.fal.run" && /^\?logs=[01]$/.test(url.search))) {
    return { ok: false, reason: "Query parameters are not forwarded" };
  }
  const requestPath = path.match(REQUEST_PATH);
  if (requestPath) {
    if (url.host !== "queue.fal.run" || !appIds.has(requestPath[1]!)) return { ok: false, reason: "Not a request of this studio's models" };
    const action = requestPath[2] ?? "";
    const allowed = action === "/cancel" ? verb === "PUT" : verb === "GET";
    return allowed ? { ok: true } : { ok: false, reason: `${verb} is not allowed here` };
  }
  if (verb !== "POST") return { ok: false, reason: `${verb} is not allowed here` };
  return ids.has(path.slice(1)) ? { ok: true } : { ok: false, reason: `${path.slice(1)} is not one of this studio's models` };
}

/**
 * A second fence behind checkProxyTarget, on the address a call is finally sent to: one of fal's
 * hosts over https, or, with the local engine in use (`engineBase`), the engine's own routes.
 */
export function isForwardable(url: string, engineBase?: string): boolean {
  if (engineBase) return url.startsWith(`${engineBase}${LOCAL_FAL_PATH}/`);
  const parsed = URL.parse(url);
  return parsed?.protocol === "https:" && (FAL_HOSTS as readonly string[]).includes(parsed.host);
}

/**
 * What a forwarded call carries, as `@fal-ai/server-proxy` sends it (its protocol, its name in
 * x-fal-client-proxy): the caller's own `x-fal-*` headers, the target where it is sent, this
 * server's key, and the caller's user agent; nothing else of the caller's (never its Authorization).
 */
export function forwardedHeaders(caller: Headers, o: { url: string; authorization: string }): Headers {
  const headers = new Headers();
  caller.forEach((value, name) => name.startsWith("x-fal-") && headers.set(name, value));
  headers.set("x-fal-target-url", o.url);
  headers.set("authorization", o.authorization);
  headers.set("accept", "application/json");
  headers.set("content-type", "application/json");
  const agent = caller.get("user-agent");
  if (agent) headers.set("user-agent", agent);
  headers.set("x-fal-client-proxy", "@fal-ai/server-proxy/nextjs-app-router");
  return headers;
}
