import { launch, type LaunchedChrome } from "chrome-launcher";

/**
 * Lighthouse's mobile performance score and Largest Contentful Paint (its default config: a
 * throttled phone), in Debian's Chromium. Its flags serve scripts/lighthouse.ts too.
 */
export const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export type PerfScore = { performance: number; lcpMs: number };

export async function openChrome(): Promise<LaunchedChrome> {
  return launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
}

export async function mobilePerformance(chrome: LaunchedChrome, url: string): Promise<PerfScore> {
  const { default: lighthouse } = await import("lighthouse");
  const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error", output: "json" });
  if (!result || result.lhr.runtimeError) throw new Error(`Lighthouse could not score ${url}: ${result?.lhr.runtimeError?.message ?? "no result"}`);
  const lcp = result.lhr.audits["largest-contentful-paint"]?.numericValue;
  const score = result.lhr.categories.performance?.score;
  if (lcp === undefined || score === undefined || score === null) throw new Error(`Lighthouse gave no performance score for ${url}`);
  return { performance: Math.round(score * 100), lcpMs: lcp };
}
