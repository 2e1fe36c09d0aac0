import { describe, expect, it } from "vitest";
import { FIT, MAX_SCALE, panBy, pinch, zoomBy, zoomTo, type Point, type View } from "./zoom";

/** Where a point (in the transform's frame) falls on the fitted picture. */
const toPicture = (view: View, p: Point): Point => ({ x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale });

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

  it("a pinch zooms by the fingers' spread and follows their midpoint", () => {
    const spread = pinch(FIT, { x: 10, y: 0 }, { x: 30, y: 0 }, { x: -10, y: 0 }, { x: 0, y: 0 });
    expect(spread.scale).toBe(2);
    expect(spread.x).toBe(10);
    expect(pinch(FIT, { x: 0, y: 0 }, { x: 5, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toEqual(FIT);
  });

  it("pans only a zoomed picture", () => {
    expect(panBy(FIT, 10, 10)).toEqual(FIT);
    expect(panBy({ scale: 2, x: 0, y: 0 }, 10, -5)).toEqual({ scale: 2, x: 10, y: -5 });
  });
});
