import { describe, expect, it } from "vitest";
import { featherAlpha } from "./feather";

/** A 40×20 mask painted on its left half. */
function halfMask() {
  const w = 40, h = 20;
  const alpha = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) alpha[y * w + x] = 255;
  return { alpha, w, h };
}
const intermediate = (a: Uint8Array) => a.filter((v) => v > 0 && v < 255).length;

describe("featherAlpha", () => {
  it("leaves the mask hard-edged (only 0 and 255) when the feather is 0", () => {
    const { alpha, w, h } = halfMask();
    const out = featherAlpha(alpha, w, h, 0);
    expect(out).toEqual(alpha);
    expect(intermediate(out)).toBe(0);
  });

  it("fades the edge over about the feather width, keeping the inside painted and the far side kept", () => {
    const { alpha, w, h } = halfMask();
    const out = featherAlpha(alpha, w, h, 8);
    const row = Array.from(out.subarray(10 * w, 11 * w));
    expect(intermediate(out)).toBeGreaterThan(0);
    expect(row[0]).toBe(255);
    expect(row[w - 1]).toBe(0);
    // Falls steadily across the edge at x = 20, half-way at the edge itself.
    for (let x = 1; x < w; x++) expect(row[x]!).toBeLessThanOrEqual(row[x - 1]!);
    expect(Math.abs(row[19]! + row[20]! - 255)).toBeLessThanOrEqual(2);
    const ramp = row.filter((v) => v > 0 && v < 255).length;
    expect(ramp).toBeGreaterThanOrEqual(6);
    expect(ramp).toBeLessThanOrEqual(10);
  });

  it("does not touch the input", () => {
    const { alpha, w, h } = halfMask();
    const copy = new Uint8Array(alpha);
    featherAlpha(alpha, w, h, 12);
    expect(alpha).toEqual(copy);
  });
});
