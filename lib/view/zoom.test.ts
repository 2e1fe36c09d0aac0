import { describe, expect, it } from "vitest";
import { FIT, MAX_SCALE, panBy, toPicture, zoomBy, zoomTo } from "./zoom";

describe("zoom", () => {
  it("keeps the picture point under the pointer in place while zooming", () => {
    const at = { x: 120, y: -40 };
    const before = toPicture(FIT, at);
    const zoomed = zoomTo(FIT, 2, at);
    expect(toPicture(zoomed, at)).toEqual(before);
    const again = zoomBy(zoomed, 1.5, { x: -30, y: 10 });
    expect(toPicture(again, { x: -30, y: 10 })).toEqual(toPicture(zoomed, { x: -30, y: 10 }));
  });

  it("clamps the scale, and zooming back out to 1 recentres the picture", () => {
    expect(zoomTo(FIT, 100).scale).toBe(MAX_SCALE);
    expect(zoomTo({ scale: 3, x: 50, y: 50 }, 0.5)).toEqual(FIT);
  });

  it("pans only a zoomed picture", () => {
    expect(panBy(FIT, 10, 10)).toEqual(FIT);
    expect(panBy({ scale: 2, x: 0, y: 0 }, 10, -5)).toEqual({ scale: 2, x: 10, y: -5 });
  });
});
