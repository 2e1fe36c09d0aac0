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

const escapeGlob = (s: string) => s.replace(/[?*[\]{}()!+@]/g, (c) => `\\${c}`);

/**
 * A fence in `@fal-ai/server-proxy`'s own terms (host+path globs, endpoint paths) behind
 * checkProxyTarget, which holds the exact allowlist: fal's hosts only (or the local engine's
 * addresses for them) and the one storage call. Deliberately broad: the library compiles its
 * patterns on every request, and one glob per host costs what the library's defaults cost, where
 * one per endpoint cost most of a millisecond. `map` points fal URLs at the local engine.
 */
export function serverProxyAllowlist(map: (url: string) => string = (u) => u) {
  const strip = (u: string) => {
    const url = new URL(map(u));
    return { hostPath: `${url.host}${url.pathname}`, path: url.pathname.slice(1) };
  };
  const hosts = ["queue.fal.run", "fal.run"].map((host) => strip(`https://${host}/`));
  const storage = strip(`https://rest.fal.ai${STORAGE_INITIATE}`);
  const allowedUrlPatterns = [...hosts.map((h) => `${escapeGlob(h.hostPath)}**`), `${escapeGlob(storage.hostPath)}\\?storage_type=fal-cdn-v3`];
  // The library checks POSTs to hosts outside fal.ai against these endpoint paths: fal.run's, and
  // every local engine address, the storage call's among them, once mapped.
  const allowedEndpoints = [...new Set([...hosts.map((h) => `${escapeGlob(h.path)}**`), escapeGlob(storage.path)])];
  return { allowedUrlPatterns, allowedEndpoints };
}
