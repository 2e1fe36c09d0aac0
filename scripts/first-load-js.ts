/**
 * First Load JS of pages of a production build, measured the way a browser meets it: fetch the
 * page's HTML from a running server, take every `<script src>` it names, and sum their gzip sizes.
 * `next build` 16 no longer prints this figure. The bench reuses `firstLoadJs()`; by hand,
 * `npx tsx scripts/first-load-js.ts [--url http://127.0.0.1:3000] [/page …]` (run `next build` first;
 * without --url it starts a server of its own on the local engine).
 */
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { startIsolatedServer } from "../e2e/support/own-server";

export const TOOL_PAGES = ["/image", "/inpaint", "/video", "/transcribe", "/speech", "/background", "/control", "/prompts", "/text"];
export const PAGES = ["/", ...TOOL_PAGES, "/history"];

/**
 * `gzipBytes` counts every script, as the anchor figure does; `noModuleBytes` is the part
 * marked `nomodule` (Next's polyfills), which only browsers without ES modules download.
 */
export type PageWeight = { page: string; scripts: number; gzipBytes: number; noModuleBytes: number };

export type ScriptSource = { url: string; noModule: boolean };

/** Every external script of an HTML document, its `src` resolved against the page's address. */
export function scriptSources(html: string, pageUrl: string): ScriptSource[] {
  const sources = new Map<string, ScriptSource>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\ssrc="([^"]+)"/i.exec(tag)?.[1];
    if (!src) continue;
    const url = new URL(src.replaceAll("&amp;", "&"), pageUrl).href;
    sources.set(url, { url, noModule: /\snomodule(?:[\s=>/]|$)/i.test(tag) });
  }
  return [...sources.values()];
}

/** Measures each page; a chunk shared by several pages is fetched and compressed once. */
export async function firstLoadJs(baseUrl: string, pages: readonly string[] = PAGES): Promise<PageWeight[]> {
  const sizes = new Map<string, Promise<number>>();
  const gzipSize = (url: string) => {
    let size = sizes.get(url);
    if (!size) {
      size = fetch(url).then(async (res) => {
        if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
        // Level 9, like the figure Next used to print; a server's own gzip may be a little larger.
        return gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
      });
      sizes.set(url, size);
    }
    return size;
  };
  const weights: PageWeight[] = [];
  for (const page of pages) {
    const url = new URL(page, baseUrl).href;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    const sources = scriptSources(await res.text(), url);
    const bytes = await Promise.all(sources.map((s) => gzipSize(s.url)));
    const sum = (keep: (s: ScriptSource) => boolean) => bytes.reduce((total, b, i) => total + (keep(sources[i]!) ? b : 0), 0);
    weights.push({ page, scripts: sources.length, gzipBytes: sum(() => true), noModuleBytes: sum((s) => s.noModule) });
  }
  return weights;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const { values, positionals } = parseArgs({ options: { url: { type: "string" }, json: { type: "boolean", default: false } }, allowPositionals: true });
  const pages = positionals.length ? positionals : PAGES;
  const server = values.url ? undefined : await startIsolatedServer({ prefix: "studio-first-load-", keys: { fal: "fal-first-load", openai: "sk-first-load" } });
  try {
    const weights = await firstLoadJs(values.url ?? server!.url, pages);
    if (values.json) console.log(JSON.stringify(weights));
    else {
      console.log("page           First Load JS (gzip)   of which nomodule polyfills");
      for (const w of weights) console.log(`${w.page.padEnd(14)} ${kb(w.gzipBytes).padStart(10)} (${w.scripts} scripts)  ${kb(w.noModuleBytes).padStart(9)}`);
    }
  } finally {
    await server?.dispose();
  }
}

// Run as a script, not when the bench imports it.
if (require.main === module) void main();
