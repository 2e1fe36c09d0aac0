import { Readable } from "node:stream";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { locateMedia, readMediaBlob, saveMedia } from "@/lib/media/store";
import { ENGINE_ORIGIN, useStudioEnv } from "@/test/engine-harness";
import { POST } from "@/app/api/control/map/route";

/**
 * POST /api/control/map end to end in-process: the route, the provider function, the real local
 * engine (every outbound fetch is served by the engine's route code) and the media store.
 */
vi.mock("@/lib/http/policy", async (original) => {
  const real = await original<typeof import("@/lib/http/policy")>();
  const { engineFetch } = await import("@/test/engine-harness");
  return { ...real, createPolicyFetch: (o: Parameters<typeof real.createPolicyFetch>[0]) => real.createPolicyFetch({ ...o, fetchImpl: engineFetch }) };
});

const call = (body: unknown, headers: Record<string, string> = {}) =>
  POST(new Request("http://127.0.0.1/api/control/map", { method: "POST", headers: { host: "127.0.0.1", "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }), undefined);
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string> } } });

let photo: string;
let tiny: string;

beforeAll(async () => {
  await useStudioEnv({ STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
  const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="150"><rect width="200" height="150" fill="#e0e0e0"/><circle cx="100" cy="75" r="40" fill="#202080"/></svg>`)).png().toBuffer();
  photo = (await saveMedia(Readable.from([png]), "image/png", { maxBytes: 1e7 })).url;
  tiny = (await saveMedia(Readable.from([await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer()]), "image/png", { maxBytes: 1e7 })).url;
});

describe("POST /api/control/map", () => {
  it("draws the edges of an uploaded photo and stores the map: white outline on black, the photo's size", async () => {
    const { status, body } = await answer(await call({ kind: "edges", image: photo }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ url: expect.stringMatching(/^\/api\/media\/[a-f0-9]{64}\.png$/), contentType: "image/png", width: 200, height: 150 });
    expect(await locateMedia(String(body.url))).toMatchObject({ width: 200, height: 150 });
    const { data, info } = await sharp(Buffer.from(await (await readMediaBlob(String(body.url))).arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect([at(100, 75), at(5, 5)]).toEqual([0, 0]);
    expect(Math.max(at(60, 75), at(59, 75), at(61, 75))).toBe(255);
  });

  it.each([["pose", /cannot detect a body.*Draw the pose/], ["depth", /cannot estimate depth.*Upload a depth map/]] as const)(
    "on the local engine refuses a %s map from a photo by the image field, saying what to do instead",
    async (kind, message) => {
      const { status, body } = await answer(await call({ kind, image: photo }));
      expect(status).toBe(422);
      expect(body.error).toMatchObject({ code: "validation", fields: { image: expect.stringMatching(message) } });
      expect(body.error!.fields!.image).toMatch(/FAL_KEY/);
    },
  );

  it.each<[unknown, Record<string, string | RegExp>]>([
    [{ kind: "edges" }, { image: "Upload a photo to draw the map from" }],
    [{ kind: "normal", image: `/api/media/${"a".repeat(64)}.png` }, { kind: "Choose pose, depth or edges" }],
    [{ kind: "edges", image: "https://elsewhere.example/photo.png" }, { image: "must be a file uploaded to this studio" }],
    [{ kind: "edges", image: "/api/media/../../etc/passwd" }, { image: "must be a file uploaded to this studio" }],
    [{ kind: "edges", image: `/api/media/${"a".repeat(64)}.png` }, { image: "This file is no longer in the studio; upload it again." }],
  ])("refuses %j by the field", async (body, fields) => {
    const res = await answer(await call(body));
    expect(res.status).toBe(422);
    expect(res.body.error!.fields).toEqual(fields);
  });

  it("checks a photo it keeps, not only its name: a tiny one is still drawn (any size above 0 is a photo)", async () => {
    const { status, body } = await answer(await call({ kind: "edges", image: tiny }));
    expect(status).toBe(201);
    expect(body).toMatchObject({ width: 8, height: 8 });
  });

  it("refuses what is not JSON, a body past the limit, and a cross-site page", async () => {
    expect((await call("kind=edges", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await call("{not json")).status).toBe(400);
    expect((await call(JSON.stringify({ kind: "edges", image: photo, pad: "x".repeat(300 * 1024) }))).status).toBe(413);
    const forged = await answer(await call({ kind: "edges", image: photo }, { origin: "http://evil.example", "sec-fetch-site": "cross-site" }));
    expect(forged).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });
});
