import { Pool } from "undici";
import { quantile } from "./stats";

/**
 * A small closed-loop load generator on loopback: `concurrency` clients, each sending its next
 * request when the last one has answered, until `requests` have been sent or `durationMs` has
 * passed. Any answer but 2xx stops the run: a rate of errors would not be a rate of work.
 */
export type LoadOptions = { origin: string; path: string; headers?: Record<string, string>; concurrency: number; requests?: number; durationMs?: number };
export type LoadResult = { requests: number; seconds: number; perSecond: number; p50: number; p99: number };

export async function load({ origin, path, headers, concurrency, requests = Infinity, durationMs = 60_000 }: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async () => {
    while (sent < requests && performance.now() < deadline) {
      sent++;
      const t = performance.now();
      const res = await pool.request({ method: "GET", path, headers });
      const body = await res.body.text();
      if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`GET ${origin}${path} answered ${res.statusCode}: ${body.slice(0, 200)}`);
      latencies.push(performance.now() - t);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}
