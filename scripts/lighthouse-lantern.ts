import type { RunnerResult } from "lighthouse";

export type SimulatedRequest = { url: string; endMs: number };

/**
 * The requests in the graph that Lighthouse's simulated phone LCP (Lantern) plays out, with the time
 * each ends in the simulation, for its optimistic and its pessimistic estimate (the LCP is their mean,
 * or the simulated FCP if later). Lantern keeps every request that finished before the LCP it observed
 * on the unthrottled load, except a script it saw start running after that paint in a task of 10 ms or
 * more: shorter tasks are pruned from its graph, so a chunk that only registers modules counts
 * whenever it arrived before the paint. Reads Lighthouse's artifacts and one of its computed artifacts
 * (internal APIs), for `npm run lighthouse -- --performance` only.
 */
export async function lanternLcpRequests(run: RunnerResult): Promise<Record<"optimistic" | "pessimistic", SimulatedRequest[]>> {
  const { LanternLargestContentfulPaint } = await import("lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js");
  const { artifacts, lhr } = run;
  const metric = await LanternLargestContentfulPaint.request(
    { trace: artifacts.Trace, devtoolsLog: artifacts.DevtoolsLog, gatherContext: artifacts.GatherContext, settings: lhr.configSettings, URL: artifacts.URL, SourceMaps: artifacts.SourceMaps, simulator: null },
    { computedCache: new Map() },
  );
  const requests = (estimate: typeof metric.optimisticEstimate) =>
    [...estimate.nodeTimings]
      .flatMap(([node, timing]) => (node.type === "network" ? [{ url: node.request.url, endMs: timing.endTime }] : []))
      .sort((a, b) => a.endMs - b.endMs);
  return { optimistic: requests(metric.optimisticEstimate), pessimistic: requests(metric.pessimisticEstimate) };
}
