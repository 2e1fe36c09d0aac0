import { describe, expect, it } from "vitest";
import { pairedRow, show } from "./table";
import { quantile, summarise } from "./stats";

describe("the bench's figures", () => {
  it("interpolates quantiles between runs and shows min–max below four runs, p25–p75 from four on", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(summarise([3, 1, 2])).toEqual({ median: 2, lo: 1, hi: 3, runs: 3 });
    expect(summarise([1, 2, 3, 4, 100])).toEqual({ median: 3, lo: 2, hi: 4, runs: 5 });
    expect(show([10, 20, 30], "ms")).toBe("20 (10–30) ms");
    expect(show([1.5], "×", 2)).toBe("1.50×");
  });

  it("takes the median of per-round ratios and passes a row only on the target's side", () => {
    // Round by round 2×, 1.25×, 1×: the median ratio is 1.25, not the ratio of the medians (12 / 10).
    const row = pairedRow("p50", [20, 10, 12], [10, 8, 12], "ms", { at: "most", value: 1.3 });
    expect(row.ratio).toBe("1.25× (1.00–2.00)");
    expect(row.pass).toBe(true);
    expect(pairedRow("p50", [20, 10, 12], [10, 8, 12], "ms", { at: "most", value: 1.22 }).pass).toBe(false);
    expect(pairedRow("p50", [20, 10, 14], [10, 10, 10], "ms", { at: "most", value: 1.3 }).pass).toBe(false);
    expect(pairedRow("req/s", [95], [100], "", { at: "least", value: 0.9 }).pass).toBe(true);
    expect(pairedRow("req/s", [85], [100], "", { at: "least", value: 0.9 }).pass).toBe(false);
  });

  it("refuses rounds that do not pair up", () => {
    expect(() => pairedRow("p50", [1, 2], [1], "ms", { at: "most", value: 1 })).toThrow(/2 studio runs against 1/);
  });
});
