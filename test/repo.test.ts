import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const ignored = (file: string) => {
  try {
    execFileSync("git", ["check-ignore", "-q", file], { cwd: root });
    return true;
  } catch {
    return false;
  }
};

describe("the repository", () => {
  it.each([".env", ".env.local", ".env.production"])("never commits %s (it holds keys)", (file) => {
    expect(ignored(file)).toBe(true);
  });

  it("keeps an example file committable", () => {
    expect(ignored(".env.example")).toBe(false);
  });
});
