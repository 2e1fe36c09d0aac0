import { afterEach, describe, expect, it, vi } from "vitest";
import { env, resetEnvCache } from "./env";

describe("env", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("reads the environment once, until resetEnvCache", () => {
    process.env.STUDIO_HTTP_RETRIES = "2";
    resetEnvCache();
    expect(env().STUDIO_HTTP_RETRIES).toBe(2);
    process.env.STUDIO_HTTP_RETRIES = "5";
    expect(env().STUDIO_HTTP_RETRIES).toBe(2);
    resetEnvCache();
    expect(env().STUDIO_HTTP_RETRIES).toBe(5);
  });

  it("serves every copy of the module (Next bundles one per route) from the one check", async () => {
    const first = env();
    vi.resetModules();
    const copy = await import("./env");
    expect(copy.env()).toBe(first);
  });

  it("refuses a bad value by the variable's name, never its value", () => {
    process.env.OPENAI_BASE_URL = "sk-not-a-url";
    resetEnvCache();
    expect(() => env()).toThrow(/^Invalid environment: OPENAI_BASE_URL: /);
    expect(() => env()).not.toThrow(/sk-not-a-url/);
  });
});
