import { describe, expect, it } from "vitest";
import { positionFromPointer, sliderValueFromKey } from "./position";

describe("positionFromPointer", () => {
  const rect = { left: 100, width: 400 };

  it("maps the pointer to a percentage of the width from the left edge", () => {
    expect(positionFromPointer(100, rect)).toBe(0);
    expect(positionFromPointer(200, rect)).toBe(25);
    expect(positionFromPointer(500, rect)).toBe(100);
  });

  it("stays at the ends when the pointer is dragged past them", () => {
    expect(positionFromPointer(20, rect)).toBe(0);
    expect(positionFromPointer(900, rect)).toBe(100);
  });

  it("keeps the middle for an element with no width yet (not NaN)", () => {
    expect(positionFromPointer(120, { left: 100, width: 0 })).toBe(50);
  });
});

describe("sliderValueFromKey", () => {
  it("steps 5 with the arrows and 10 with Shift or Page Up/Down", () => {
    expect(sliderValueFromKey(50, "ArrowRight")).toBe(55);
    expect(sliderValueFromKey(50, "ArrowUp")).toBe(55);
    expect(sliderValueFromKey(50, "ArrowLeft")).toBe(45);
    expect(sliderValueFromKey(50, "ArrowDown")).toBe(45);
    expect(sliderValueFromKey(50, "ArrowRight", true)).toBe(60);
    expect(sliderValueFromKey(50, "ArrowLeft", true)).toBe(40);
    expect(sliderValueFromKey(50, "PageUp")).toBe(60);
    expect(sliderValueFromKey(50, "PageDown")).toBe(40);
  });

  it("goes to the ends with Home and End and never past them", () => {
    expect(sliderValueFromKey(37, "Home")).toBe(0);
    expect(sliderValueFromKey(37, "End")).toBe(100);
    expect(sliderValueFromKey(98, "ArrowRight")).toBe(100);
    expect(sliderValueFromKey(3, "ArrowLeft", true)).toBe(0);
  });

  it("leaves other keys to the browser", () => {
    expect(sliderValueFromKey(50, "Tab")).toBeNull();
    expect(sliderValueFromKey(50, "a")).toBeNull();
  });
});
