import { describe, expect, it } from "vitest";
import { shortcutLabel, shortcutModifier } from "./shortcut-keys";

const desktop = { finePointer: true, coarsePointer: false };

describe("the shortcut modifier shown", () => {
  it("is ⌘ on Apple platforms and Ctrl elsewhere", () => {
    expect(shortcutModifier({ platform: "MacIntel", ...desktop })).toBe("⌘");
    expect(shortcutModifier({ platform: "macOS", ...desktop })).toBe("⌘");
    expect(shortcutModifier({ platform: "Win32", ...desktop })).toBe("Ctrl");
    expect(shortcutModifier({ platform: "Linux x86_64", ...desktop })).toBe("Ctrl");
  });

  it("is none on a touch-only device, and back when a fine pointer (a keyboard case's trackpad) is there too", () => {
    expect(shortcutModifier({ platform: "iPhone", finePointer: false, coarsePointer: true })).toBeNull();
    expect(shortcutModifier({ platform: "Linux armv8l", finePointer: false, coarsePointer: true })).toBeNull();
    expect(shortcutModifier({ platform: "iPad", finePointer: true, coarsePointer: true })).toBe("⌘");
  });

  it("reads as modifier + key", () => {
    expect(shortcutLabel("⌘", "Enter")).toBe("⌘ + Enter");
  });
});
