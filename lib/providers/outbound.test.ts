import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useStudioEnv } from "@/test/engine-harness";
import { outboundFetch } from "./fal";

/** Where the studio's outbound fal calls go with the local engine in use, and what they ask for. */
describe("outbound fal calls on the local engine", () => {
  const INTERNAL = "http://127.0.0.1:4999";
  const seen: { url: string; headers: Headers }[] = [];
  beforeAll(async () => {
    await useStudioEnv({ STUDIO_INTERNAL_URL: INTERNAL });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    seen.length = 0;
  });
  const stubFetch = () =>
    vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
      seen.push({ url: input, headers: new Headers(init?.headers) });
      return new Response("{}", { headers: { "content-type": "application/json" } });
    });

  it("reach the engine on this studio uncompressed (loopback), keeping the caller's headers", async () => {
    stubFetch();
    await outboundFetch()("https://queue.fal.run/fal-ai/flux/dev", { method: "POST", headers: { authorization: "Key k", "accept-encoding": "gzip" } });
    expect(seen[0]!.url).toBe(`${INTERNAL}/api/local/fal/queue.fal.run/fal-ai/flux/dev`);
    expect(seen[0]!.headers.get("accept-encoding")).toBe("identity");
    expect(seen[0]!.headers.get("authorization")).toBe("Key k");
  });

  it("leave calls elsewhere (a media download) as they are", async () => {
    stubFetch();
    await outboundFetch()("https://cdn.example/a.png", { headers: { "accept-encoding": "gzip" } });
    expect(seen[0]!.url).toBe("https://cdn.example/a.png");
    expect(seen[0]!.headers.get("accept-encoding")).toBe("gzip");
  });
});
