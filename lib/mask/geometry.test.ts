import { describe, expect, it } from "vitest";
import {
  alphaToCoverageRgba,
  binaryAlpha,
  alphaToMaskRgba,
  clientToImage,
  containRect,
  displayScale,
  hasPaint,
  interpolate,
  invertAlpha,
  stampSpacing,
} from "./geometry";

describe("containRect", () => {
  it("letterboxes a wide image vertically inside a square box", () => {
    expect(containRect({ left: 10, top: 20, width: 400, height: 400 }, { width: 2000, height: 1000 })).toEqual({
      left: 10,
      top: 120,
      width: 400,
      height: 200,
    });
  });

  it("pillarboxes a tall image horizontally", () => {
    expect(containRect({ left: 0, top: 0, width: 300, height: 200 }, { width: 100, height: 200 })).toEqual({
      left: 100,
      top: 0,
      width: 100,
      height: 200,
    });
  });
});

describe("clientToImage", () => {
  const natural = { width: 1024, height: 768 };

  it("maps a downscaled element exactly filling the image box", () => {
    const rect = { left: 100, top: 50, width: 512, height: 384 };
    expect(clientToImage({ x: 100, y: 50 }, rect, natural)).toEqual({ x: 0, y: 0 });
    expect(clientToImage({ x: 356, y: 242 }, rect, natural)).toEqual({ x: 512, y: 384 });
    expect(clientToImage({ x: 612, y: 434 }, rect, natural)).toEqual({ x: 1024, y: 768 });
  });

  it("accounts for letterboxing when the element's aspect ratio differs", () => {
    // 1024x768 in 512x512: content is 512x384, offset 64px from the top.
    const rect = { left: 0, top: 0, width: 512, height: 512 };
    expect(clientToImage({ x: 0, y: 64 }, rect, natural)).toEqual({ x: 0, y: 0 });
    expect(clientToImage({ x: 256, y: 256 }, rect, natural)).toEqual({ x: 512, y: 384 });
  });

  it("maps upscaled display and leaves out-of-bounds points unclamped", () => {
    const rect = { left: 0, top: 0, width: 2048, height: 1536 };
    expect(clientToImage({ x: 3, y: 5 }, rect, natural)).toEqual({ x: 1.5, y: 2.5 });
    expect(clientToImage({ x: -10, y: 1540 }, rect, natural)).toEqual({ x: -5, y: 770 });
  });

  it("reports CSS px per image px", () => {
    expect(displayScale({ left: 0, top: 0, width: 512, height: 512 }, natural)).toBe(0.5);
  });
});

describe("interpolate", () => {
  it("fills a straight gap with evenly spaced points, excluding the start", () => {
    expect(interpolate({ x: 0, y: 0 }, { x: 10, y: 0 }, 2.5)).toEqual([
      { x: 2.5, y: 0 },
      { x: 5, y: 0 },
      { x: 7.5, y: 0 },
      { x: 10, y: 0 },
    ]);
  });

  it("never leaves a gap wider than the spacing on diagonals", () => {
    const from = { x: 3, y: 4 };
    const to = { x: 300, y: -170 };
    const points = interpolate(from, to, 4);
    expect(points.at(-1)).toEqual(to);
    let previous = from;
    for (const p of points) {
      expect(Math.hypot(p.x - previous.x, p.y - previous.y)).toBeLessThanOrEqual(4);
      previous = p;
    }
    expect(points).toHaveLength(Math.ceil(Math.hypot(297, 174) / 4));
  });

  it("returns just the end point for moves shorter than the spacing, nothing for no move", () => {
    expect(interpolate({ x: 1, y: 1 }, { x: 2, y: 1 }, 8)).toEqual([{ x: 2, y: 1 }]);
    expect(interpolate({ x: 1, y: 1 }, { x: 1, y: 1 }, 8)).toEqual([]);
  });

  it("rejects a non-positive spacing instead of looping forever", () => {
    expect(() => interpolate({ x: 0, y: 0 }, { x: 1, y: 0 }, 0)).toThrow(RangeError);
  });

  it("spaces stamps at half the brush radius", () => {
    expect(stampSpacing(32)).toBe(16);
    expect(stampSpacing(0.2)).toBe(0.5);
  });
});

describe("mask pixel encodings", () => {
  const rgba = new Uint8ClampedArray([
    255, 255, 255, 0, //
    255, 255, 255, 127,
    255, 255, 255, 128,
    255, 255, 255, 255,
  ]);

  it("extracts the alpha channel snapped to 0/255 at the threshold", () => {
    expect(Array.from(binaryAlpha(rgba))).toEqual([0, 0, 255, 255]);
  });

  it("detects paint only at or above the threshold", () => {
    expect(hasPaint(new Uint8Array([0, 10, 127]))).toBe(false);
    expect(hasPaint(new Uint8Array([0, 0, 128]))).toBe(true);
    expect(hasPaint(new Uint8Array(0))).toBe(false);
  });

  it("inverts coverage", () => {
    expect(Array.from(invertAlpha(new Uint8Array([0, 127, 255])))).toEqual([255, 128, 0]);
  });

  it("round-trips a snapshot through the working-canvas encoding", () => {
    const alpha = new Uint8Array([0, 255, 0]);
    const rgba = alphaToCoverageRgba(alpha);
    expect(Array.from(rgba)).toEqual([255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 255, 0]);
    expect(binaryAlpha(rgba)).toEqual(alpha);
  });

  it("exports an opaque mask with coverage as brightness (grey only where feathered)", () => {
    expect(Array.from(alphaToMaskRgba(new Uint8Array([0, 127, 128, 255])))).toEqual([
      0, 0, 0, 255, //
      127, 127, 127, 255,
      128, 128, 128, 255,
      255, 255, 255, 255,
    ]);
  });
});
