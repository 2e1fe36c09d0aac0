import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ICON_NAMES } from "./icons";

const sprite = readFileSync(path.join(import.meta.dirname, "icons.svg"), "utf8");
const symbols = [...sprite.matchAll(/<symbol id="([^"]+)" viewBox="0 0 24 24"[^>]*>(.*?)<\/symbol>/g)].map((m) => ({ id: m[1]!, body: m[2]! }));

describe("the icon sprite", () => {
  it("draws every icon the components name, on the 24-unit grid", () => {
    const drawn = symbols.filter((s) => s.body.length > 0).map((s) => s.id);
    expect(ICON_NAMES.filter((name) => !drawn.includes(name))).toEqual([]);
  });

  it("holds no drawing that no component names (dead weight in every first visit)", () => {
    expect(symbols.map((s) => s.id).filter((id) => !(ICON_NAMES as readonly string[]).includes(id))).toEqual([]);
  });
});
