import { describe, expect, it } from "vitest";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { KNOWN_ENDPOINTS } from "./catalog";
import { checkProxyTarget, forwardedHeaders, isForwardable } from "./fal-proxy";

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

describe("isForwardable", () => {
  it("lets calls go to fal's hosts over https, and nowhere else", () => {
    expect(isForwardable("https://queue.fal.run/fal-ai/flux/dev")).toBe(true);
    expect(isForwardable("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3")).toBe(true);
    expect(isForwardable("http://queue.fal.run/fal-ai/flux/dev")).toBe(false);
    expect(isForwardable("https://queue.fal.run.evil.example/fal-ai/flux/dev")).toBe(false);
    expect(isForwardable("https://evil.example/fal-ai/flux/dev")).toBe(false);
    expect(isForwardable("not a url")).toBe(false);
  });

  it("with the local engine, only to the engine's routes on this studio", () => {
    const base = "http://127.0.0.1:3000";
    expect(isForwardable(toLocalEngineUrl("https://queue.fal.run/fal-ai/flux/dev", base), base)).toBe(true);
    expect(isForwardable("https://queue.fal.run/fal-ai/flux/dev", base)).toBe(false);
    expect(isForwardable(`${base}/api/jobs`, base)).toBe(false);
    expect(isForwardable(`${base}/api/local/openai/v1/chat/completions`, base)).toBe(false);
  });
});

describe("forwardedHeaders", () => {
  it("passes on the caller's x-fal-* headers and user agent with this server's key, and nothing else of the caller's", () => {
    const caller = new Headers({
      "x-fal-target-url": "https://queue.fal.run/fal-ai/flux/dev",
      "x-fal-queue-priority": "low",
      authorization: "Key the-callers-own",
      cookie: "session=1",
      "user-agent": "fal-client/1",
      "content-type": "text/plain",
    });
    const sent = Object.fromEntries(forwardedHeaders(caller, { url: "http://127.0.0.1:3000/api/local/fal/queue.fal.run/fal-ai/flux/dev", authorization: "Key server" }));
    expect(sent).toEqual({
      "x-fal-target-url": "http://127.0.0.1:3000/api/local/fal/queue.fal.run/fal-ai/flux/dev",
      "x-fal-queue-priority": "low",
      authorization: "Key server",
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": "fal-client/1",
      "x-fal-client-proxy": "@fal-ai/server-proxy/nextjs-app-router",
    });
  });

  it("sends no user agent when the caller gave none", () => {
    expect(forwardedHeaders(new Headers(), { url: "https://fal.run/x/y", authorization: "Key k" }).has("user-agent")).toBe(false);
  });
});
