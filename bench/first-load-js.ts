import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * First Load JS, as `next build` printed it before version 16: the gzip size of every script chunk
 * a page's served HTML loads (`<script src>`), counted once per page. Measured from what the server
 * sends, so it holds whatever the build did.
 */
const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/g;

export async function firstLoadJs(origin: string, page: string, gzipped = new Map<string, number>()): Promise<number> {
  const res = await fetch(origin + page);
  const html = await res.text();
  if (!res.ok) throw new Error(`${page} answered ${res.status}`);
  const sources = new Set([...html.matchAll(SCRIPT_SRC)].map((m) => m[1]!.replaceAll("&amp;", "&")));
  if (sources.size === 0) throw new Error(`${page} loads no script chunks: has the HTML changed shape?`);
  let bytes = 0;
  for (const src of sources) {
    if (!gzipped.has(src)) {
      const chunk = await fetch(new URL(src, origin));
      if (!chunk.ok) throw new Error(`${src} answered ${chunk.status}`);
      gzipped.set(src, gzipSync(Buffer.from(await chunk.arrayBuffer()), { level: 9 }).length);
    }
    bytes += gzipped.get(src)!;
  }
  return bytes;
}

/** Every page route of a built app (from `.next/app-path-routes-manifest.json`), Next's own pages left out. */
export function builtPages(appDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([entry, route]) => entry.endsWith("/page") && !route.startsWith("/_"))
    .map(([, route]) => route)
    .sort();
}
