import type { Config, Result, RunnerResult } from "lighthouse";

/**
 * One Lighthouse run of `url` in the Chrome listening on `port`, scoring `categories`, as a phone
 * (Lighthouse's default) unless `config` says otherwise (its desktop config): the report and the
 * artifacts it was computed from. The one call behind `npm run lighthouse` (scripts/lighthouse.ts)
 * and the bench's score (bench/lighthouse.ts).
 */
export async function lighthouseRun(port: number, url: string, categories: string[], config?: Config): Promise<RunnerResult> {
  const { default: lighthouse } = await import("lighthouse");
  const result = await lighthouse(url, { port, onlyCategories: categories, logLevel: "error", output: "json" }, config);
  if (!result) throw new Error(`no Lighthouse result for ${url}`);
  return result;
}

/** The report of one Lighthouse run (see lighthouseRun). */
export async function lighthouseReport(port: number, url: string, categories: string[], config?: Config): Promise<Result> {
  return (await lighthouseRun(port, url, categories, config)).lhr;
}
