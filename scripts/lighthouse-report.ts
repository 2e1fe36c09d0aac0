import type { Config, Result } from "lighthouse";

/**
 * One Lighthouse run of `url` in the Chrome listening on `port`, scoring `categories`, as a phone
 * (Lighthouse's default) unless `config` says otherwise (its desktop config): the report. The one
 * call behind `npm run lighthouse` (scripts/lighthouse.ts) and the bench's score (bench/lighthouse.ts).
 */
export async function lighthouseReport(port: number, url: string, categories: string[], config?: Config): Promise<Result> {
  const { default: lighthouse } = await import("lighthouse");
  const result = await lighthouse(url, { port, onlyCategories: categories, logLevel: "error", output: "json" }, config);
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  return result.lhr;
}
