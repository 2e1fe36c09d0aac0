/**
 * First Load JS of the pages of a production build (see bench/first-load-js.ts for how it is
 * measured): `npx tsx scripts/first-load-js.ts [--url http://127.0.0.1:3000] [--json] [/page …]`
 * (run `next build` first; without --url it starts a server of its own on the local engine; without
 * pages it measures every built page that takes no parameter).
 */
import { parseArgs } from "node:util";
import { builtPages, type ChunkSizes, pageWeight } from "../bench/first-load-js";
import { startIsolatedServer } from "../e2e/support/own-server";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const { values, positionals } = parseArgs({ options: { url: { type: "string" }, json: { type: "boolean", default: false } }, allowPositionals: true });
  const pages = positionals.length ? positionals : builtPages(process.cwd()).filter((route) => !route.includes("["));
  const server = values.url ? undefined : await startIsolatedServer({ prefix: "studio-first-load-", keys: { fal: "fal-first-load", openai: "sk-first-load" } });
  try {
    const sizes: ChunkSizes = new Map();
    const weights = [];
    for (const page of pages) weights.push(await pageWeight(values.url ?? server!.url, page, sizes));
    if (values.json) console.log(JSON.stringify(weights));
    else {
      console.log("page           First Load JS (gzip)   of which nomodule polyfills");
      for (const w of weights) console.log(`${w.page.padEnd(14)} ${kb(w.gzipBytes).padStart(10)} (${w.scripts} scripts)  ${kb(w.noModuleBytes).padStart(9)}`);
    }
  } finally {
    await server?.dispose();
  }
}

void main();
