import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_WRAPPED } from "./route";

const root = path.resolve(__dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("every API route goes through the one wrapper (cross-site refusal, body types, JSON errors)", () => {
  // Every route.ts in the app, the API's and the well-known ones (JWKS) alike.
  const files = routeFiles(path.join(root, "app"));

  it("finds the routes", () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  it.each(files.map((f) => [path.relative(root, f)]))("%s", async (file) => {
    const mod = (await import(path.join(root, file))) as Record<string, unknown>;
    const exported = METHODS.filter((m) => m in mod);
    expect(exported.length, "exports at least one HTTP method").toBeGreaterThan(0);
    for (const method of exported) {
      expect((mod[method] as { [ROUTE_WRAPPED]?: boolean })[ROUTE_WRAPPED], `${method} is wrapped by handler()`).toBe(true);
    }
  });
});
