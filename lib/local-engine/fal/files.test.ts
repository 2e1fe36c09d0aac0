import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { createFileStore, FILE_TTL_MS, RESERVATION_TTL_MS, type FileStoreOptions } from "./files";
import { RunError } from "./run-error";

/** The local engine's file store: what initiate accepts, and that no refused or failed upload stays on disk. */

const ORIGIN = "http://engine.test";
const LIMIT = 64 * 1024;

function setup(options: Partial<FileStoreOptions> = {}) {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), "engine-files-")), "files");
  let clock = 1_000_000;
  const store = createFileStore({ root, now: () => clock, maxUploadBytes: LIMIT, ...options });
  return {
    root,
    store,
    advance: (ms: number) => void (clock += ms),
    names: () => (existsSync(root) ? readdirSync(root).sort() : []),
    reserve: async (contentType = "image/png") => {
      const { upload_url } = await store.initiate({ content_type: contentType, file_name: "in.png" }, ORIGIN);
      return upload_url.split("/").pop()!;
    },
  };
}

/** A body of `total` bytes in 1 KiB chunks, made only as it is read; `sent()` tells how much was read. */
function generated(total: number, { failAfter }: { failAfter?: number } = {}) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && sent >= failAfter) return controller.error(new Error("client went away"));
      if (sent >= total) return controller.close();
      const chunk = new Uint8Array(Math.min(1024, total - sent)).fill(0x61);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return { stream, sent: () => sent };
}

const put = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/upload`, { method: "PUT", body, headers, duplex: "half" } as RequestInit);

async function refusal(promise: Promise<unknown>): Promise<RunError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(RunError);
  return err as RunError;
}

describe("engine file store: initiate", () => {
  it("refuses what is not one of the studio's media types (415, naming the allowed ones) and reserves nothing", async () => {
    const { store, names } = setup();
    for (const type of ["text/html", "image/svg+xml", "application/octet-stream", "text/html; charset=utf-8"]) {
      const err = await refusal(store.initiate({ content_type: type, file_name: "x" }, ORIGIN));
      expect(err.status).toBe(415);
      expect(err.detail).toContain(type);
      expect(err.detail).toContain("image/png, image/jpeg");
    }
    expect(names()).toEqual([]);
  });

  it("accepts image/png: an upload URL and a file URL, and a reservation on disk", async () => {
    const { store, names } = setup();
    const res = await store.initiate({ content_type: "image/png", file_name: "my photo.png" }, ORIGIN);
    const id = res.upload_url.split("/").pop()!;
    expect(res.upload_url).toBe(`${ORIGIN}/api/local/fal/files/upload/${id}`);
    expect(res.file_url).toBe(`${ORIGIN}/api/local/fal/files/${id}/my_photo.png`);
    expect(names()).toEqual([`${id}.pending.json`]);
  });

  it("answers 422 with fal's field list when content_type or file_name is missing", async () => {
    const err = await refusal(setup().store.initiate({ file_name: "x.png" }, ORIGIN));
    expect(err.status).toBe(422);
    expect(err.detail).toEqual([expect.objectContaining({ loc: ["body", "content_type"] })]);
  });

  it("caps outstanding reservations: past the cap the oldest one not being written is given up (its PUT then 404s)", async () => {
    const { store, reserve, names } = setup({ maxReservations: 3 });
    const [first, second, third] = [await reserve(), await reserve(), await reserve()];
    const fourth = await reserve();
    expect(names()).toEqual([second, third, fourth].map((id) => `${id}.pending.json`).sort());
    expect((await refusal(store.put(first!, put(new Uint8Array([1]))))).status).toBe(404);
    await store.put(second!, put(new Uint8Array([1, 2, 3])));
    expect(names()).toContain(second);
  });

  it("never gives up a reservation being written: with every one busy, a new one is refused (429)", async () => {
    const { store, reserve } = setup({ maxReservations: 2 });
    const ids = [await reserve(), await reserve()];
    const finishers: (() => void)[] = [];
    const writes = ids.map((id) =>
      store.put(id, put(new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([1]));
          finishers.push(() => controller.close());
        },
      }))),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await refusal(reserve())).status).toBe(429);
    finishers.forEach((f) => f());
    await Promise.all(writes);
    await reserve();
  });
});

describe("engine file store: the PUT", () => {
  it("stores the bytes under the reserved type, with or without a Content-Type, and only once", async () => {
    const { store, reserve, names } = setup();
    const id = await reserve();
    await store.put(id, put(new Uint8Array([1, 2, 3]), { "content-type": "image/png" }));
    expect(names()).toEqual([id, `${id}.json`]);
    const file = await store.open(id);
    expect([file?.size, file?.contentType]).toEqual([3, "image/png"]);
    expect((await refusal(store.put(id, put(new Uint8Array([4]))))).status).toBe(404);

    const bare = await reserve();
    await store.put(bare, put(new Uint8Array([5])));
    expect((await store.open(bare))?.contentType).toBe("image/png");
  });

  it("refuses a Content-Type other than the reserved one (403), as a signed URL would", async () => {
    const { store, reserve } = setup();
    const id = await reserve();
    const err = await refusal(store.put(id, put("<script>1</script>", { "content-type": "text/html" })));
    expect([err.status, err.detail]).toEqual([403, "This upload URL is signed for image/png, not text/html"]);
    await store.put(id, put(new Uint8Array([1]), { "content-type": "image/png" }));
  });

  it("cuts off a body over the limit (413) and leaves neither part nor reservation", async () => {
    const { store, reserve, names } = setup();
    const id = await reserve();
    const body = generated(16 * LIMIT);
    expect((await refusal(store.put(id, put(body.stream)))).status).toBe(413);
    expect(body.sent()).toBeLessThan(2 * LIMIT);
    expect(names()).toEqual([]);
    expect((await refusal(store.put(id, put(new Uint8Array([1]))))).status).toBe(404);
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    const { store, reserve, names } = setup();
    const id = await reserve();
    const body = generated(LIMIT + 1);
    const err = await refusal(store.put(id, put(body.stream, { "content-length": String(LIMIT + 1) })));
    expect(err.status).toBe(413);
    expect(body.sent()).toBe(0);
    expect(names()).toEqual([]);
  });

  it("removes the part of a body cut off by the client; the URL can be used again", async () => {
    const { store, reserve, names } = setup();
    const id = await reserve();
    await expect(store.put(id, put(generated(LIMIT, { failAfter: 8 * 1024 }).stream))).rejects.toThrow("client went away");
    expect(names()).toEqual([`${id}.pending.json`]);
    await store.put(id, put(new Uint8Array([1])));
    expect(names()).toEqual([id, `${id}.json`]);
  });

  it.runIf(existsSync("/dev/full"))("answers a write that fails for want of space with 507 and removes its part", async () => {
    const { store, reserve, root, names } = setup();
    const id = await reserve();
    // The part file leads to /dev/full, where every write fails with ENOSPC.
    symlinkSync("/dev/full", path.join(root, `${id}.part`));
    const err = await refusal(store.put(id, put(new Uint8Array(4096))));
    expect([err.status, err.detail]).toEqual([507, "The disk is full"]);
    expect(names()).toEqual([`${id}.pending.json`]);
  });

  it("refuses a second PUT while the first is still writing (409)", async () => {
    const { store, reserve, root } = setup();
    const id = await reserve();
    let finish!: () => void;
    const slow = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        finish = () => controller.close();
      },
    });
    const first = store.put(id, put(slow));
    await expect.poll(() => existsSync(path.join(root, `${id}.part`))).toBe(true);
    expect((await refusal(store.put(id, put(new Uint8Array([9]))))).status).toBe(409);
    finish();
    await first;
    expect((await store.open(id))?.size).toBe(2);
  });

  it("refuses a PUT the disk could not hold with room to spare (507), writing nothing", async () => {
    // 300 MiB free: a 100 MiB limit plus 256 MiB left free (STUDIO_MIN_FREE_MB) does not fit, 1 KiB plus it does.
    const { store, reserve, names } = setup({ maxUploadBytes: 100 * 1024 * 1024, freeBytes: async () => 300 * 1024 * 1024, minFree: 256 * 1024 * 1024 });
    const id = await reserve();
    const unknownLength = generated(1024);
    const err = await refusal(store.put(id, put(unknownLength.stream)));
    expect(err.status).toBe(507);
    expect(unknownLength.sent()).toBe(0);
    expect(names()).toEqual([`${id}.pending.json`]);
    await store.put(id, put(new Uint8Array(1024), { "content-length": "1024" }));
    expect(names()).toEqual([id, `${id}.json`]);
  });
});

describe("engine file store: expiry and sweeping", () => {
  it("sweeps an expired reservation when the next one is made; its PUT answers 404", async () => {
    const { store, reserve, advance, names } = setup();
    const old = await reserve();
    advance(RESERVATION_TTL_MS + 1);
    const fresh = await reserve();
    expect(names()).toEqual([`${fresh}.pending.json`]);
    const err = await refusal(store.put(old, put(new Uint8Array([1]))));
    expect([err.status, err.detail]).toEqual([404, "Unknown or finished upload"]);
  });

  it("answers 404 to a PUT after expiry even before a sweep, and ends the reservation", async () => {
    const { store, reserve, advance, names } = setup();
    const id = await reserve();
    advance(RESERVATION_TTL_MS);
    const err = await refusal(store.put(id, put(new Uint8Array([1]))));
    expect([err.status, err.detail]).toEqual([404, "This upload URL has expired"]);
    expect(names()).toEqual([]);
  });

  it("at start, removes parts left by a crash, expired and pre-media-only reservations, and counts the live ones", async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), "engine-files-")), "files");
    mkdirSync(root, { recursive: true });
    const [crashed, expired, legacy, live, stored] = Array.from({ length: 5 }, () => randomUUID());
    const now = 5_000_000;
    writeFileSync(path.join(root, `${crashed}.part`), "half");
    writeFileSync(path.join(root, `${crashed}.pending.json`), JSON.stringify({ contentType: "image/png", fileName: "a", expiresAt: now + 10 }));
    writeFileSync(path.join(root, `${expired}.pending.json`), JSON.stringify({ contentType: "image/png", fileName: "b", expiresAt: now }));
    writeFileSync(path.join(root, `${legacy}.pending.json`), JSON.stringify({ contentType: "text/html", fileName: "c" }));
    writeFileSync(path.join(root, `${live}.pending.json`), JSON.stringify({ contentType: "image/png", fileName: "d", expiresAt: now + 10 }));
    writeFileSync(path.join(root, stored!), "bytes");
    writeFileSync(path.join(root, `${stored}.json`), JSON.stringify({ contentType: "image/png", fileName: "e" }));

    const store = createFileStore({ root, now: () => now, maxReservations: 3 });
    await store.sweep();
    expect(readdirSync(root).sort()).toEqual([`${crashed}.pending.json`, `${live}.pending.json`, stored!, `${stored}.json`].sort());
    // The two live reservations count against the cap of three: the fourth gives up the oldest.
    await store.initiate({ content_type: "image/png", file_name: "f" }, ORIGIN);
    await store.initiate({ content_type: "image/png", file_name: "g" }, ORIGIN);
    expect(readdirSync(root).filter((n) => n.endsWith(".pending.json"))).toHaveLength(3);
  });
});

describe("engine file store: races, leftovers and retention", () => {
  it("lets exactly one of many PUTs racing to one URL write", async () => {
    const { store, reserve, names } = setup();
    const id = await reserve();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.put(id, put(new Uint8Array([i]))).then(() => 200, (e: unknown) => (e instanceof RunError ? e.status : 500))),
    );
    expect(outcomes.filter((s) => s === 200)).toHaveLength(1);
    expect(outcomes.filter((s) => s !== 200).every((s) => s === 409 || s === 404)).toBe(true);
    expect(names()).toEqual([id, `${id}.json`]);
  });

  it("answers a stored file whose meta is missing as not found, not as a fault", async () => {
    const { store, reserve, root } = setup();
    const id = await reserve();
    await store.put(id, put(new Uint8Array([1, 2])));
    rmSync(path.join(root, `${id}.json`));
    expect(await store.open(id)).toBeUndefined();
  });

  it("removes stored files (inputs and outputs) older than a day, at most hourly", async () => {
    const { store, root, advance, names } = setup();
    const kept = await store.save(Buffer.from("new"), { contentType: "image/png", fileName: "a.png" });
    const old = await store.save(Buffer.from("old"), { contentType: "image/png", fileName: "b.png" });
    const dayAgo = new Date(Date.now() - FILE_TTL_MS - 60_000);
    utimesSync(path.join(root, old), dayAgo, dayAgo);
    advance(30 * 60 * 1000);
    await store.save(Buffer.from("x"), { contentType: "image/png", fileName: "c.png" });
    expect(names()).toContain(old);
    advance(31 * 60 * 1000);
    const third = await store.save(Buffer.from("y"), { contentType: "image/png", fileName: "d.png" });
    expect(names()).not.toContain(old);
    expect(names()).not.toContain(`${old}.json`);
    expect(names()).toEqual(expect.arrayContaining([kept, third]));
  });

  it("keeps no output the disk cannot hold with room to spare (507)", async () => {
    const { store } = setup({ freeBytes: async () => 1024 });
    expect((await refusal(store.save(Buffer.from("x"), { contentType: "image/png", fileName: "a.png" }))).status).toBe(507);
  });
});

describe("engine file store: served through the engine", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await useStudioEnv({ FAL_KEY: undefined });
  });

  const initiate = (content_type: string) =>
    engineFetch(`${ENGINE_ORIGIN}/api/local/fal/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content_type, file_name: "x" }),
    });

  it("answers a refused initiate with fal's {detail} shape", async () => {
    const res = await initiate("text/html");
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Uploads of text\/html are not accepted; allowed types: image\/png/);
  });

  it("serves media inline but inert: its type, nosniff and a sandboxing CSP", async () => {
    const { upload_url, file_url } = (await (await initiate("image/png")).json()) as { upload_url: string; file_url: string };
    const stored = await engineFetch(upload_url, { method: "PUT", body: "<html><script>document.title='ran'</script></html>", headers: { "content-type": "image/png" } });
    expect(stored.status).toBe(200);
    const res = await engineFetch(file_url);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(res.headers.get("content-disposition")).toBeNull();
  });

  it("serves a file stored before media-only uploads as an inert download, whatever its meta says", async () => {
    const id = randomUUID();
    const root = path.join(dataDir, "engine", "files");
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, id), "<html><script>fetch('/api/jobs')</script></html>");
    writeFileSync(path.join(root, `${id}.json`), JSON.stringify({ contentType: "text/html", fileName: "page.html" }));
    const res = await engineFetch(`${ENGINE_ORIGIN}/api/local/fal/files/${id}/page.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });
});
