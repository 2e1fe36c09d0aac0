import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { useStudioEnv, type Backends } from "@/test/engine-harness";
import { blobStoreStatus } from "./blob-store";
import { locateMedia, parseRange, readMediaBlob, removeMedia, saveMedia, saveMediaBuffer, serveMedia } from "./store";

describe("parseRange", () => {
  it.each([
    [null, undefined],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=900-", { start: 900, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=500-5000", { start: 500, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=5-2", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["items=0-1", undefined],
  ] as const)("%s → %j", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe.each<Backends>([
  { database: "sqlite", media: "disk" },
  { database: "postgres", media: "s3" },
])("media store on $media (records in $database)", (backends) => {
  beforeAll(async () => {
    await useStudioEnv({}, backends);
  });
  const data = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));

  it("names files by sha256, so the same bytes get the same URL", async () => {
    const a = await saveMediaBuffer(data, "video/mp4");
    const b = await saveMedia(Readable.from([data.subarray(0, 100), data.subarray(100)]), "video/mp4", { maxBytes: 10_000 });
    expect(a.url).toBe(`/api/media/${createHash("sha256").update(data).digest("hex")}.mp4`);
    expect(b).toEqual(a);
    expect(a.bytes).toBe(4096);
  });

  it("stores a request body of many chunks, over several megabyte writes, byte for byte", async () => {
    const big = Buffer.from(Array.from({ length: 2.5 * 1024 * 1024 + 123 }, (_, i) => (i * 7 + (i >> 12)) % 256));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 64 * 1024) controller.enqueue(new Uint8Array(big.subarray(i, i + 64 * 1024)));
        controller.close();
      },
    });
    const stored = await saveMedia(body, "video/mp4", { maxBytes: 10 * 1024 * 1024 });
    expect(stored).toMatchObject({ sha256: createHash("sha256").update(big).digest("hex"), bytes: big.length });
    expect(Buffer.from(await (await readMediaBlob(stored.url)).arrayBuffer()).equals(big)).toBe(true);
  });

  it("refuses unknown types, empty files and files over the limit", async () => {
    await expect(saveMediaBuffer(data, "application/x-msdownload")).rejects.toMatchObject({ code: "unsupported" });
    await expect(saveMediaBuffer(Buffer.alloc(0), "image/png")).rejects.toMatchObject({ code: "bad_request" });
    await expect(saveMedia(Readable.from([data]), "image/png", { maxBytes: 1000 })).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(saveMediaBuffer(data, "image/png")).rejects.toMatchObject({ code: "unsupported", message: "This file is not a PNG, JPEG, WebP or GIF image." });
    await expect(saveMediaBuffer(data, "audio/mpeg")).rejects.toMatchObject({ code: "unsupported", message: "This file is not a readable audio file." });
  });

  it("judges an image by its bytes: an SVG sent as a PNG is refused before any decoder sees it; a JPEG sent as a PNG is stored as a JPEG", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>');
    await expect(saveMediaBuffer(svg, "image/png")).rejects.toMatchObject({ code: "unsupported", message: "This file is not a PNG, JPEG, WebP or GIF image." });
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#369" } }).jpeg().toBuffer();
    const stored = await saveMediaBuffer(jpeg, "image/png");
    expect(stored).toMatchObject({ contentType: "image/jpeg", width: 40, height: 30 });
    expect(stored.url).toMatch(/\.jpg$/);
  });

  it("serves whole files, byte ranges (206) and refuses impossible ranges (416)", async () => {
    const { url } = await saveMediaBuffer(data, "video/mp4");
    const name = url.split("/").pop()!;
    const whole = await serveMedia(name, new Request("http://x/"));
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(data);

    const part = await serveMedia(name, new Request("http://x/", { headers: { range: "bytes=100-199" } }));
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/4096");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(data.subarray(100, 200));

    const bad = await serveMedia(name, new Request("http://x/", { headers: { range: "bytes=5000-" } }));
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe("bytes */4096");
    expect(await bad.json()).toMatchObject({ error: { code: "range_not_satisfiable" } });

    expect((await serveMedia(`${"0".repeat(64)}.mp4`, new Request("http://x/"))).status).toBe(404);
    expect((await serveMedia("../../etc/passwd", new Request("http://x/"))).status).toBe(404);
  });

  it("measures images and videos as it stores them, and serves the same bytes back", async () => {
    const png = await sharp({ create: { width: 37, height: 21, channels: 3, background: "#123456" } }).png().toBuffer();
    const image = await saveMediaBuffer(png, "image/png");
    expect(image).toMatchObject({ width: 37, height: 21, contentType: "image/png", bytes: png.length });
    expect(await locateMedia(image.url)).toMatchObject({ width: 37, height: 21 });
    expect(Buffer.from(await (await readMediaBlob(image.url)).arrayBuffer())).toEqual(png);
  });

  it("tells an image by its first bytes even when they arrive split across chunks", async () => {
    const png = await sharp({ create: { width: 9, height: 7, channels: 3, background: "#654321" } }).png().toBuffer();
    const split = Readable.from([png.subarray(0, 1), png.subarray(1, 5), png.subarray(5, 11), png.subarray(11)]);
    expect(await saveMedia(split, "image/png", { maxBytes: 10_000 })).toMatchObject({ width: 9, height: 7, contentType: "image/png" });
  });

  it("gives a video a poster, and the same poster when the same bytes are stored again", async () => {
    const { renderVideo } = await import("@/lib/local-engine/media/video");
    const mp4 = await renderVideo({ prompt: "a poster test", seed: 3, durationSec: 1, width: 64, height: 36 });
    const first = await saveMediaBuffer(mp4, "video/mp4");
    expect(first).toMatchObject({ width: 64, height: 36 });
    expect(first.posterUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.jpg$/);
    expect(await saveMediaBuffer(mp4, "video/mp4")).toEqual(first);
    expect(await locateMedia(first.posterUrl!)).toMatchObject({ contentType: "image/jpeg", width: 64, height: 36 });
  });

  it("removes a file and its record", async () => {
    const saved = await saveMediaBuffer(Buffer.from("remove me"), "video/mp4");
    await removeMedia(saved.url);
    expect(await locateMedia(saved.url)).toBeUndefined();
    await expect(readMediaBlob(saved.url)).rejects.toMatchObject({ code: "not_found" });
  });

  it("reports the store reachable", async () => {
    expect(await blobStoreStatus()).toMatchObject({ kind: backends.media, ok: true });
  });
});
