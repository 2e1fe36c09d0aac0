import { describe, expect, it } from "vitest";
import { frameFromClient, hitRadius, nudgeFromKey } from "./input";

describe("frameFromClient", () => {
  it("maps a pointer over the frame to normalised coordinates", () => {
    const rect = { left: 100, top: 50, width: 400, height: 200 };
    expect(frameFromClient({ x: 100, y: 50 }, rect)).toEqual({ x: 0, y: 0 });
    expect(frameFromClient({ x: 300, y: 100 }, rect)).toEqual({ x: 0.5, y: 0.25 });
    expect(frameFromClient({ x: 500, y: 250 }, rect)).toEqual({ x: 1, y: 1 });
    // Outside stays outside: movePoint clamps, a grab offset still needs the true value.
    expect(frameFromClient({ x: 60, y: 50 }, rect)).toEqual({ x: -0.1, y: 0 });
  });

  it("answers null for a frame that has no size yet instead of NaN", () => {
    expect(frameFromClient({ x: 1, y: 1 }, { left: 0, top: 0, width: 0, height: 100 })).toBeNull();
  });
});

describe("hitRadius", () => {
  it("is most generous for touch, then pen, then mouse", () => {
    expect(hitRadius("touch")).toBeGreaterThan(hitRadius("pen"));
    expect(hitRadius("pen")).toBeGreaterThan(hitRadius("mouse"));
    expect(hitRadius("touch")).toBeGreaterThanOrEqual(24);
  });
});

describe("nudgeFromKey", () => {
  it("moves 1 % per arrow press and 5 % with Shift, y growing downwards", () => {
    expect(nudgeFromKey("ArrowLeft")).toEqual({ dx: -0.01, dy: 0 });
    expect(nudgeFromKey("ArrowRight")).toEqual({ dx: 0.01, dy: 0 });
    expect(nudgeFromKey("ArrowUp")).toEqual({ dx: 0, dy: -0.01 });
    expect(nudgeFromKey("ArrowDown", true)).toEqual({ dx: 0, dy: 0.05 });
  });

  it("ignores other keys", () => {
    expect(nudgeFromKey("Enter")).toBeNull();
  });
});
