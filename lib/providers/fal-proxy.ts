import { appIdOf, type EndpointEntry } from "./catalog";

/**
 * What the browser-facing fal proxy may forward: the studio's own endpoints (submit, sync run,
 * and status / result / cancel of their requests) and fal's storage upload. Everything else is
 * refused, so the proxy cannot be used as an open relay on the server's key.
 */

export type ProxyVerdict = { ok: true } | { ok: false; reason: string };

const STORAGE_INITIATE = "/storage/upload/initiate";
const REQUEST_PATH = /^\/([\w.-]+\/[\w.-]+)\/requests\/[\w-]+(\/status(\/stream)?|\/cancel)?$/;

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
  const ids = new Set(endpoints.map((e) => e.id));
  const appIds = new Set(endpoints.map((e) => appIdOf(e.id)));
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
 * The same allowlist in `@fal-ai/server-proxy`'s own terms (host+path globs and endpoint paths),
 * so the library enforces it too. `map` points fal URLs at the local engine when it is in use.
 */
export function serverProxyAllowlist(endpoints: readonly EndpointEntry[], map: (url: string) => string = (u) => u) {
  const strip = (u: string) => {
    const url = new URL(map(u));
    return { hostPath: `${url.host}${url.pathname}`, path: url.pathname.slice(1), search: url.search };
  };
  const urlPatterns = new Set<string>();
  const endpointPatterns = new Set<string>();
  for (const { id } of endpoints) {
    for (const host of ["queue.fal.run", "fal.run"]) {
      const t = strip(`https://${host}/${id}`);
      urlPatterns.add(escapeGlob(t.hostPath));
      endpointPatterns.add(escapeGlob(t.path));
    }
    const requests = strip(`https://queue.fal.run/${appIdOf(id)}/requests`);
    urlPatterns.add(`${escapeGlob(requests.hostPath)}/**`);
  }
  const storage = strip(`https://rest.fal.ai${STORAGE_INITIATE}`);
  urlPatterns.add(`${escapeGlob(storage.hostPath)}\\?storage_type=fal-cdn-v3`);
  // POSTs to non-fal.ai hosts are checked against endpoints: true of the storage call once mapped.
  if (!new URL(map("https://rest.fal.ai/")).host.endsWith("fal.ai")) endpointPatterns.add(escapeGlob(storage.path));
  return { allowedUrlPatterns: [...urlPatterns], allowedEndpoints: [...endpointPatterns] };
}
