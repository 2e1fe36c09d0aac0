import { launch, type LaunchedChrome } from "chrome-launcher";
import { lighthouseReport } from "../scripts/lighthouse-report";

/**
 * Lighthouse's mobile performance score and Largest Contentful Paint (its default config: a
 * throttled phone), in Debian's Chromium. Its flags serve scripts/lighthouse.ts too.
 */
export const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export type PerfScore = { performance: number; lcpMs: number };

async function openChrome(): Promise<LaunchedChrome> {
  return launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
}

async function mobilePerformance(chrome: LaunchedChrome, url: string): Promise<PerfScore> {
  const report = await lighthouseReport(chrome.port, url, ["performance"]);
  if (report.runtimeError) throw new Error(`Lighthouse could not score ${url}: ${report.runtimeError.message}`);
  const lcp = report.audits["largest-contentful-paint"]?.numericValue;
  const score = report.categories.performance?.score;
  if (lcp === undefined || score === undefined || score === null) throw new Error(`Lighthouse gave no performance score for ${url}`);
  return { performance: Math.round(score * 100), lcpMs: lcp };
}

/** `runs` scores of each page, alternating which goes first; none when `runs` is 0 (no Chromium needed). */
export async function alternateLighthouse<K extends string>(urls: Record<K, string>, runs: number): Promise<Record<K, PerfScore[]>> {
  const keys = Object.keys(urls) as K[];
  const scores = Object.fromEntries(keys.map((k) => [k, [] as PerfScore[]])) as Record<K, PerfScore[]>;
  if (runs === 0) return scores;
  const chrome = await openChrome();
  try {
    for (let i = 0; i < runs; i++) {
      for (const key of i % 2 === 0 ? keys : [...keys].reverse()) scores[key].push(await mobilePerformance(chrome, urls[key]));
    }
  } finally {
    chrome.kill();
  }
  return scores;
}
