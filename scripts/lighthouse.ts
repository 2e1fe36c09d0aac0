/**
 * Lighthouse's accessibility and best-practices scores for every page of the production build
 * (run `next build` first), on a server of its own with the local engine and a few finished jobs,
 * so the job, history and share pages show results. Too slow for the test suite: run it by hand,
 * `npm run lighthouse` (phone, Lighthouse's default) or `npm run lighthouse -- --desktop`.
 * Prints one row per page and exits 1 when any score is below 100.
 *
 * `npm run lighthouse -- --performance [/image …]` scores performance instead (pages default to
 * /image): the score, LCP and the element that paints it, total blocking time and layout shift. No
 * threshold: speed is noisy on a shared machine, so it only reports. Lighthouse simulates the phone
 * from an unthrottled load ("observed"), counting into the simulated LCP every request that finished
 * before the observed one (see lanternLcpRequests): each page's line lists them, with their simulated
 * end, so a script that raced ahead of the largest paint shows there.
 */
import { launch } from "chrome-launcher";
import { parseArgs } from "node:util";
import type { Config } from "lighthouse";
import { CHROME_FLAGS } from "../bench/lighthouse";
import { startIsolatedServer } from "../e2e/support/own-server";
import { lanternLcpRequests } from "./lighthouse-lantern";
import { lighthouseReport, lighthouseRun } from "./lighthouse-report";

const PAGES = ["/", "/image", "/inpaint", "/video", "/transcribe", "/speech", "/background", "/control", "/prompts", "/text", "/history", "/no-such-page"];

type Job = { id: string; status: string; outputs: { url: string }[] };

async function post<T>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function finished(base: string, input: Record<string, unknown>): Promise<Job> {
  const { id } = await post<Job>(`${base}/api/jobs`, input);
  for (;;) {
    const job = (await (await fetch(`${base}/api/jobs/${id}`)).json()) as Job;
    if (job.status === "done") return job;
    if (job.status === "failed" || job.status === "cancelled") throw new Error(`job ${id} ended ${job.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function performance(port: number, base: string, pages: string[], config: Config | undefined) {
  console.log("performance, FCP, LCP, LCP element, total blocking time, cumulative layout shift");
  for (const page of pages) {
    const run = await lighthouseRun(port, base + page, ["performance"], config);
    const { categories, audits } = run.lhr;
    const lcpItems = (audits["largest-contentful-paint-element"]?.details as { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined)?.items;
    const lcpNode = lcpItems?.[0]?.items?.[0]?.node?.snippet ?? "?";
    const observed = (audits.metrics?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0];
    const score = Math.round((categories.performance?.score ?? 0) * 100);
    console.log(
      `${page.padEnd(12)} ${String(score).padStart(3)}  FCP ${audits["first-contentful-paint"]?.displayValue}  LCP ${audits["largest-contentful-paint"]?.displayValue} (observed unthrottled: FCP ${observed?.observedFirstContentfulPaint} ms, LCP ${observed?.observedLargestContentfulPaint} ms)  TBT ${audits["total-blocking-time"]?.displayValue}  CLS ${audits["cumulative-layout-shift"]?.displayValue}\n             ${lcpNode.slice(0, 160)}`,
    );
    const simulated = await lanternLcpRequests(run);
    for (const estimate of ["optimistic", "pessimistic"] as const) {
      const requests = simulated[estimate].map((r) => `${new URL(r.url).pathname.split("/").pop() || "/"} ${Math.round(r.endMs)}`);
      console.log(`             simulated LCP (${estimate}) counts, ending at ms: ${requests.join(", ")}`);
    }
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { desktop: { type: "boolean", default: false }, performance: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const server = await startIsolatedServer({ prefix: "studio-lighthouse-", keys: { fal: "fal-lighthouse", openai: "sk-lighthouse" } });
  const chrome = await launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
  let below = 0;
  try {
    if (values.performance) return await performance(chrome.port, server.url, positionals.length ? positionals : ["/image"], values.desktop ? desktopConfig : undefined);
    const image = await finished(server.url, { task: "image", prompt: "a lighthouse on a basalt cliff", imageSize: "square", numImages: 2 });
    const video = await finished(server.url, { task: "video", prompt: "waves on the shore" });
    const speech = await finished(server.url, { task: "speech", text: "Scored by Lighthouse.", voice: "af_bella" });
    const transcript = await finished(server.url, { task: "transcribe", audio: speech.outputs[0]!.url });
    const { shareId } = await post<{ shareId: string }>(`${server.url}/api/jobs/${image.id}/share`);
    const pages = [...PAGES, ...[image, video, speech, transcript].map((j) => `/jobs/${j.id}`), `/s/${shareId}`];

    console.log(`${values.desktop ? "desktop" : "phone"}: accessibility, best practices, failing audits`);
    for (const page of pages) {
      const { categories, audits, runtimeError } = await lighthouseReport(chrome.port, server.url + page, ["accessibility", "best-practices"], values.desktop ? desktopConfig : undefined);
      // Lighthouse scores no error document (the 404 page); say so rather than print zeros.
      if (runtimeError) {
        console.log(`${page.padEnd(48)} not scored: ${runtimeError.code}`);
        continue;
      }
      const scores = ["accessibility", "best-practices"].map((c) => Math.round((categories[c]?.score ?? 0) * 100));
      const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
      if (scores.some((s) => s < 100)) below++;
      console.log(`${page.padEnd(48)} ${String(scores[0]).padStart(3)} ${String(scores[1]).padStart(3)}  ${failing.join(", ")}`);
    }
  } finally {
    chrome.kill();
    await server.dispose();
  }
  process.exitCode = below > 0 ? 1 : 0;
}

void main();
