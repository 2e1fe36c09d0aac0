import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * First Load JS, as `next build` printed it before version 16: the gzip size of every script chunk
 * a page's served HTML has the browser load (see scriptSources), counted once per page. Measured
 * from what the server sends, so it holds whatever the build did. The bench, `scripts/first-load-js.ts` and
 * e2e/bundle.spec.ts all measure through this module.
 */

/**
 * `gzipBytes` counts every script, as the anchor figure does; `noModuleBytes` is the part
 * marked `nomodule` (Next's polyfills), which only browsers without ES modules download.
 */
export type PageWeight = { page: string; scripts: number; gzipBytes: number; noModuleBytes: number };

export type ScriptSource = { url: string; noModule: boolean };

/**
 * Every script chunk an HTML document has the browser load, once each, resolved against the page's
 * address: its `<script src>` tags, and the chunks its flight data names for the client components
 * in its tree (the browser loads those before hydrating). Whether server rendering reached a
 * component in time to give it a tag of its own (the error boundary's, now and then) varies from
 * one request to the next; the flight data names it every time.
 */
export function scriptSources(html: string, pageUrl: string): ScriptSource[] {
  const sources = new Map<string, ScriptSource>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\ssrc="([^"]+)"/i.exec(tag)?.[1];
    if (!src) continue;
    const url = new URL(src.replaceAll("&amp;", "&"), pageUrl).href;
    sources.set(url, { url, noModule: /\snomodule(?:[\s=>/]|$)/i.test(tag) });
  }
  for (const [chunk] of html.matchAll(/\/_next\/static\/chunks\/[\w.-]+\.js/g)) {
    const url = new URL(chunk, pageUrl).href;
    if (!sources.has(url)) sources.set(url, { url, noModule: false });
  }
  return [...sources.values()];
}

/** Gzip sizes by chunk URL; pass one cache to several calls so a shared chunk is fetched and compressed once. */
export type ChunkSizes = Map<string, Promise<number>>;

/** Measures one page of the server at `origin`. */
export async function pageWeight(origin: string, page: string, sizes: ChunkSizes = new Map()): Promise<PageWeight> {
  const url = new URL(page, origin).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${page}: ${res.status}`);
  const sources = scriptSources(await res.text(), url);
  if (sources.length === 0) throw new Error(`${page} loads no script chunks: has the HTML changed shape?`);
  const gzipSize = (chunk: string) => {
    let size = sizes.get(chunk);
    if (!size) {
      size = fetch(chunk).then(async (r) => {
        if (!r.ok) throw new Error(`GET ${chunk}: ${r.status}`);
        // Level 9, like the figure Next used to print; a server's own gzip may be a little larger.
        return gzipSync(Buffer.from(await r.arrayBuffer()), { level: 9 }).length;
      });
      sizes.set(chunk, size);
    }
    return size;
  };
  const bytes = await Promise.all(sources.map((s) => gzipSize(s.url)));
  const sum = (keep: (s: ScriptSource) => boolean) => bytes.reduce((total, b, i) => total + (keep(sources[i]!) ? b : 0), 0);
  return { page, scripts: sources.length, gzipBytes: sum(() => true), noModuleBytes: sum((s) => s.noModule) };
}

/** Every page route of a built app (from `.next/app-path-routes-manifest.json`), Next's own pages left out. */
export function builtPages(appDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([entry, route]) => entry.endsWith("/page") && !route.startsWith("/_"))
    .map(([, route]) => route)
    .sort();
}
