/** Medians and spread of repeated runs, as the bench prints them. */

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.ceil(at)]! - sorted[lo]!) * (at - lo);
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

/** The median of the runs and their spread: p25–p75 from four runs on, min–max below that. */
export type Summary = { median: number; lo: number; hi: number; runs: number };

export function summarise(samples: readonly number[]): Summary {
  const wide = samples.length < 4;
  return { median: median(samples), lo: quantile(samples, wide ? 0 : 0.25), hi: quantile(samples, wide ? 1 : 0.75), runs: samples.length };
}
