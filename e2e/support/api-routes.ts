import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The API routes as the file system defines them: every `app/api/**\/route.ts` and the HTTP
 * methods it exports, so a route added tomorrow is attacked without anyone listing it here.
 */

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteSegment =
  | { kind: "static"; value: string }
  | { kind: "dynamic"; name: string }
  | { kind: "catchAll"; name: string; optional: boolean };

export type ApiRoute = {
  /** The file, relative to the repository root. */
  file: string;
  /** URL pattern in Next's notation, e.g. `/api/jobs/[id]/share`. */
  pattern: string;
  segments: RouteSegment[];
  methods: HttpMethod[];
};

const ROOT = path.resolve(__dirname, "../..");

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full));
    else if (/^route\.(ts|tsx|js|mjs)$/.test(entry)) out.push(full);
  }
  return out;
}

/**
 * The methods a route module exports. Three styles occur: `export const POST = …`,
 * `export async function POST(…)` and `export { handle as GET, handle as POST }` (or `export { GET }`).
 */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>();
  const isMethod = (name: string): name is HttpMethod => (HTTP_METHODS as readonly string[]).includes(name);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\b/g)) if (isMethod(m[1]!)) found.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*([A-Z]+)\s*\(/g)) if (isMethod(m[1]!)) found.add(m[1]);
  for (const block of source.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const spec of block[1]!.split(",")) {
      const name = spec.trim().split(/\s+as\s+/).pop()?.trim() ?? "";
      if (isMethod(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

function parseSegments(dirs: string[]): RouteSegment[] {
  const segments: RouteSegment[] = [];
  for (const dir of dirs) {
    if (/^\(.*\)$/.test(dir) || dir.startsWith("@")) continue; // route groups and parallel slots are not in the URL
    let m: RegExpMatchArray | null;
    if ((m = dir.match(/^\[\[\.\.\.(.+)\]\]$/))) segments.push({ kind: "catchAll", name: m[1]!, optional: true });
    else if ((m = dir.match(/^\[\.\.\.(.+)\]$/))) segments.push({ kind: "catchAll", name: m[1]!, optional: false });
    else if ((m = dir.match(/^\[(.+)\]$/))) segments.push({ kind: "dynamic", name: m[1]! });
    else segments.push({ kind: "static", value: dir });
  }
  return segments;
}

export function patternOf(segments: RouteSegment[]): string {
  return (
    "/" +
    segments
      .map((s) => (s.kind === "static" ? s.value : s.kind === "dynamic" ? `[${s.name}]` : s.optional ? `[[...${s.name}]]` : `[...${s.name}]`))
      .join("/")
  );
}

/** Every route handler under app/api, sorted by pattern. */
export function apiRoutes(): ApiRoute[] {
  const appDir = path.join(ROOT, "app");
  return routeFiles(path.join(appDir, "api"))
    .map((file) => {
      const dirs = path.relative(appDir, path.dirname(file)).split(path.sep);
      const segments = parseSegments(dirs);
      return { file: path.relative(ROOT, file), pattern: patternOf(segments), segments, methods: exportedMethods(readFileSync(file, "utf8")) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * A concrete path for a route: `values` gives each dynamic segment's (already URL-encoded) text,
 * and a catch-all's text may hold slashes.
 */
export function fillRoute(route: ApiRoute, values: Record<string, string>): string {
  const parts = route.segments.map((s) => {
    if (s.kind === "static") return s.value;
    const v = values[s.name];
    if (v === undefined) throw new Error(`no value for [${s.name}] of ${route.pattern}`);
    return v;
  });
  return "/" + parts.filter((p, i) => p !== "" || route.segments[i]?.kind !== "catchAll").join("/");
}
