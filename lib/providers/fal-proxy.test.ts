import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { KNOWN_ENDPOINTS } from "./catalog";
import { checkProxyTarget, serverProxyAllowlist } from "./fal-proxy";

const endpoints = KNOWN_ENDPOINTS;
const REQ = "0a1b2c3d-0000-4000-8000-000000000000";

describe("checkProxyTarget", () => {
  it.each([
    ["POST", "https://queue.fal.run/fal-ai/flux/dev", true],
    ["POST", "https://queue.fal.run/fal-ai/flux/dev/image-to-image", true],
    ["POST", "https://fal.run/fal-ai/flux/schnell", true],
    ["GET", `https://queue.fal.run/fal-ai/flux/requests/${REQ}/status?logs=1`, true],
    ["GET", `https://queue.fal.run/fal-ai/flux/requests/${REQ}/status/stream`, true],
    ["GET", `https://queue.fal.run/fal-ai/flux/requests/${REQ}`, true],
    ["PUT", `https://queue.fal.run/fal-ai/flux/requests/${REQ}/cancel`, true],
    ["POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", true],
    // not this studio's models
    ["POST", "https://queue.fal.run/fal-ai/some-expensive-model", false],
    ["POST", "https://fal.run/fal-ai/flux-pro/v1.1-ultra", false],
    ["GET", `https://queue.fal.run/fal-ai/other/requests/${REQ}/status`, false],
    // wrong verbs
    ["GET", "https://queue.fal.run/fal-ai/flux/dev", false],
    ["GET", `https://queue.fal.run/fal-ai/flux/requests/${REQ}/cancel`, false],
    ["PUT", `https://queue.fal.run/fal-ai/flux/requests/${REQ}/status`, false],
    // other hosts, schemes and tricks
    ["POST", "https://rest.fal.ai/tokens/", false],
    ["POST", "https://rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3", false],
    ["POST", "https://evil.example/fal-ai/flux/dev", false],
    ["POST", "http://queue.fal.run/fal-ai/flux/dev", false],
    ["POST", "https://queue.fal.run:8443/fal-ai/flux/dev", false],
    ["POST", "https://user:pw@queue.fal.run/fal-ai/flux/dev", false],
    ["POST", "https://queue.fal.run/fal-ai/flux/dev?fal_webhook=https://evil.example", false],
    ["POST", "https://queue.fal.run/fal-ai/flux/dev/../../other/model", false],
    ["POST", "not a url", false],
  ])("%s %s → %s", (method, url, allowed) => {
    expect(checkProxyTarget(method, url, endpoints).ok).toBe(allowed);
  });

  it("refuses a missing target", () => {
    expect(checkProxyTarget("POST", null, endpoints)).toEqual({ ok: false, reason: "Missing x-fal-target-url header" });
  });
});

// The exact allowlist is checkProxyTarget's (above, and the route's refusals in e2e/security.spec.ts);
// the library gets a broad fence of its own behind it: fal's hosts, or the local engine's addresses.
describe("serverProxyAllowlist", () => {
  const matches = (patterns: string[], value: string) => picomatch(patterns, { dot: true })(value);

  it("fences the library to fal's queue and run hosts and the one storage call", () => {
    const { allowedUrlPatterns, allowedEndpoints } = serverProxyAllowlist();
    expect(matches(allowedUrlPatterns, "queue.fal.run/fal-ai/flux/dev")).toBe(true);
    expect(matches(allowedUrlPatterns, `queue.fal.run/fal-ai/flux/requests/${REQ}/status?logs=1`)).toBe(true);
    expect(matches(allowedUrlPatterns, "fal.run/fal-ai/flux/schnell")).toBe(true);
    expect(matches(allowedUrlPatterns, "rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3")).toBe(true);
    expect(matches(allowedUrlPatterns, "rest.fal.ai/tokens/")).toBe(false);
    expect(matches(allowedUrlPatterns, "rest.fal.ai/storage/upload/initiate-multipart?storage_type=fal-cdn-v3")).toBe(false);
    expect(matches(allowedUrlPatterns, "evil.example/fal-ai/flux/dev")).toBe(false);
    expect(matches(allowedUrlPatterns, "queue.fal.run.evil.example/fal-ai/flux/dev")).toBe(false);
    expect(matches(allowedEndpoints, "fal-ai/flux/dev")).toBe(true);
  });

  it("maps the fence onto the local engine's addresses, and only those", () => {
    const map = (u: string) => toLocalEngineUrl(u, "http://127.0.0.1:3000");
    const { allowedUrlPatterns, allowedEndpoints } = serverProxyAllowlist(map);
    expect(matches(allowedUrlPatterns, "127.0.0.1:3000/api/local/fal/queue.fal.run/fal-ai/flux/dev")).toBe(true);
    expect(matches(allowedUrlPatterns, "127.0.0.1:3000/api/local/fal/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3")).toBe(true);
    expect(matches(allowedEndpoints, "api/local/fal/rest.fal.ai/storage/upload/initiate")).toBe(true);
    expect(matches(allowedEndpoints, "api/local/fal/queue.fal.run/fal-ai/flux/dev")).toBe(true);
    expect(matches(allowedUrlPatterns, "queue.fal.run/fal-ai/flux/dev")).toBe(false);
    expect(matches(allowedUrlPatterns, "127.0.0.1:3000/api/jobs")).toBe(false);
    expect(matches(allowedEndpoints, "api/jobs")).toBe(false);
    expect(matches(allowedEndpoints, "api/local/fal/rest.fal.ai/tokens")).toBe(false);
  });
});
