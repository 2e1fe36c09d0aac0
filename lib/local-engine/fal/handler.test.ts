import { ApiError, ValidationError } from "@fal-ai/client";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { decodeBombPng } from "@/e2e/support/media";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";

/** The real @fal-ai/client against the local engine's fal protocol. */

const KEY = "test-fal-key";

const client = (credentials: string | undefined = KEY) => localFalClient(credentials);

beforeAll(async () => {
  await useStudioEnv({ FAL_KEY: KEY, STUDIO_LOCAL_LATENCY_MS: "0" });
  setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
});

describe("local engine: fal queue protocol", () => {
  it("runs a text-to-image job through submit, status and result, at the requested size and count", async () => {
    const fal = client();
    const result = await fal.subscribe("fal-ai/flux/schnell", {
      input: { prompt: "a lighthouse at dawn", image_size: { width: 320, height: 200 }, num_images: 2, seed: 7, output_format: "png" },
      pollInterval: 20,
      logs: true,
    });
    const data = result.data as { images: { url: string; width: number; height: number }[]; seed: number };
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.seed).toBe(7);
    expect(data.images).toHaveLength(2);
    for (const image of data.images) {
      const bytes = Buffer.from(await (await engineFetch(image.url)).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height, meta.format]).toEqual([320, 200, "png"]);
    }
  });

  it("reports IN_QUEUE with a position, then IN_PROGRESS with logs, then COMPLETED", async () => {
    setKnobs({ latencyMs: 400, concurrency: 1 });
    try {
      const fal = client();
      const input = { prompt: "queue order", image_size: "square" as const, output_format: "png" as const };
      const first = await fal.queue.submit("fal-ai/flux/schnell", { input });
      const second = await fal.queue.submit("fal-ai/flux/schnell", { input });
      const statusOf = (requestId: string) => fal.queue.status("fal-ai/flux/schnell", { requestId, logs: true });
      // Both wait until the single worker picks up the first; the second is then next in line.
      expect((await statusOf(second.request_id)) as { queue_position?: number }).toMatchObject({ status: "IN_QUEUE", queue_position: 1 });
      const seen = new Set<string>();
      let checkedSecond = false;
      for (let i = 0; i < 200; i++) {
        const s = await statusOf(first.request_id);
        seen.add(s.status);
        if (s.status === "IN_PROGRESS" && !checkedSecond) {
          expect(Array.isArray(s.logs)).toBe(true);
          expect(await statusOf(second.request_id)).toMatchObject({ status: "IN_QUEUE", queue_position: 0 });
          checkedSecond = true;
        }
        if (s.status === "COMPLETED") {
          expect(s.logs?.map((l) => l.message)).toContain("Done");
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(checkedSecond).toBe(true);
      expect([...seen]).toEqual(expect.arrayContaining(["IN_PROGRESS", "COMPLETED"]));
      await fal.queue.cancel("fal-ai/flux/schnell", { requestId: second.request_id }).catch(() => undefined);
    } finally {
      setKnobs({ latencyMs: 0, concurrency: 2 });
    }
  });

  it("cancels a running request: cancel answers 202 and the result is an error", async () => {
    setKnobs({ latencyMs: 5_000 });
    try {
      const fal = client();
      const { request_id } = await fal.queue.submit("fal-ai/flux/dev", { input: { prompt: "slow" } });
      await fal.queue.cancel("fal-ai/flux/dev", { requestId: request_id });
      const status = await fal.queue.status("fal-ai/flux/dev", { requestId: request_id });
      expect(status.status).toBe("COMPLETED");
      await expect(fal.queue.result("fal-ai/flux/dev", { requestId: request_id })).rejects.toMatchObject({ status: 400 });
    } finally {
      setKnobs({ latencyMs: 0 });
    }
  });

  it("rejects invalid input at submit with 422 and fal's detail shape", async () => {
    const err = await client().queue.submit("fal-ai/flux/dev", { input: { prompt: "", num_images: 9 } }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err as ValidationError).fieldErrors.map((d) => d.loc.join("."));
    expect(fields).toEqual(expect.arrayContaining(["body.prompt", "body.num_images"]));
  });

  it("demands the configured key and answers 404 for unknown models", async () => {
    const denied = await client("wrong-key").queue.submit("fal-ai/flux/dev", { input: { prompt: "x" } }).catch((e) => e);
    expect(denied).toBeInstanceOf(ApiError);
    expect((denied as ApiError<unknown>).status).toBe(401);
    const unknown = await client().queue.submit("fal-ai/not-a-model", { input: { prompt: "x" } }).catch((e) => e);
    expect((unknown as ApiError<unknown>).status).toBe(404);
  });

  it("fails a share of jobs when told to, with the reason in the result", async () => {
    setKnobs({ failureRate: 1 });
    try {
      const err = await client().subscribe("fal-ai/flux/dev", { input: { prompt: "doomed" }, pollInterval: 20 }).catch((e) => e);
      expect((err as ApiError<unknown>).status).toBe(500);
      expect(JSON.stringify((err as ApiError<unknown>).body)).toContain("STUDIO_LOCAL_FAILURE_RATE");
    } finally {
      setKnobs({ failureRate: 0 });
    }
  });
});

describe("local engine: storage upload", () => {
  it("takes fal.storage.upload (initiate, then PUT to the signed URL) and serves the image back, inert", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#cc3366" } }).png().toBuffer();
    const url = await client().storage.upload(new File([new Uint8Array(png)], "dot.png", { type: "image/png" }));
    expect(url.startsWith(`${ENGINE_ORIGIN}/api/local/fal/files/`)).toBe(true);
    const served = await engineFetch(url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it("refuses to store anything but the studio's media types, in fal's error shape", async () => {
    const err = await client().storage.upload(new File(["<script>1</script>"], "page.html", { type: "text/html" })).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError<{ detail: string }>).status).toBe(415);
    expect((err as ApiError<{ detail: string }>).body.detail).toMatch(/text\/html.*image\/png/);
  });

  it("lets a model read an uploaded image (image-to-image keeps the source size)", async () => {
    const fal = client();
    const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: "#3366cc" } }).png().toBuffer();
    const imageUrl = await fal.storage.upload(new File([new Uint8Array(png)], "src.png", { type: "image/png" }));
    const { data } = await fal.subscribe("fal-ai/flux/dev/image-to-image", { input: { prompt: "sunset", image_url: imageUrl, strength: 0.5 }, pollInterval: 20 });
    const image = (data as { images: { width: number; height: number }[] }).images[0]!;
    expect([image.width, image.height]).toEqual([96, 64]);
  });
});

describe("local engine: what it refuses before any work", () => {
  const submit = (body: BodyInit, headers: Record<string, string>) =>
    engineFetch(`${ENGINE_ORIGIN}/api/local/fal/queue.fal.run/fal-ai/flux/schnell`, { method: "POST", body, headers: { authorization: `Key ${KEY}`, ...headers } });

  it("takes endpoint inputs only as JSON (415 otherwise)", async () => {
    const res = await submit(JSON.stringify({ prompt: "x" }), { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/application\/json/);
  });

  it("refuses an input body over 1 MB (413), naming the limit", async () => {
    const res = await submit(JSON.stringify({ prompt: "x".repeat(2 * 1024 * 1024) }), { "content-type": "application/json" });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/1 MB/);
  });

  it("refuses an image input larger than the endpoint's pixel limit from its header, at once", async () => {
    // A valid 8000×8000 PNG (64 MP) of a few dozen KB: every row compresses to nothing.
    const bomb = await decodeBombPng(8000, 8000);
    const fal = client();
    const started = Date.now();
    const err = await fal
      .run("fal-ai/flux-general/inpainting", { input: { prompt: "x", image_url: `data:image/png;base64,${bomb.toString("base64")}`, mask_url: `data:image/png;base64,${bomb.toString("base64")}` } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((err as ValidationError).body)).toMatch(/8000×8000 \(64 MP\); this endpoint takes up to 16\.8 MP/);
    expect(Date.now() - started, "refused from the header, without decoding 64 MP").toBeLessThan(2_000);
  });

  it("reads no SVG, whatever its data URI says: its small header can wrap a decode bomb", async () => {
    const bomb = (await decodeBombPng(8000, 8000)).toString("base64");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image width="64" height="64" xlink:href="data:image/png;base64,${bomb}"/></svg>`;
    const started = Date.now();
    for (const type of ["image/svg+xml", "image/png"]) {
      const err = await client()
        .run("fal-ai/flux/dev/image-to-image", { input: { prompt: "x", image_url: `data:${type};base64,${Buffer.from(svg).toString("base64")}` } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect(JSON.stringify((err as ValidationError).body)).toMatch(/must be a PNG, JPEG, WebP or GIF image/);
    }
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("local engine: the queue stays bounded", () => {
  it("keeps no input once a request has finished, in memory or on disk", async () => {
    const fal = client();
    const { request_id } = await fal.queue.submit("fal-ai/flux/schnell", { input: { prompt: "a lighthouse", image_size: "square", seed: 1 } });
    for (let i = 0; i < 100 && (await fal.queue.status("fal-ai/flux/schnell", { requestId: request_id })).status !== "COMPLETED"; i++) await new Promise((r) => setTimeout(r, 20));
    const { getRequest } = await import("./queue");
    expect(getRequest(request_id)?.state).toBe("COMPLETED");
    expect(getRequest(request_id)?.input).toBeUndefined();
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { dataDir } = await import("@/lib/env");
    const persisted = JSON.parse(readFileSync(path.join(dataDir(), "engine", "requests", `${request_id}.json`), "utf8")) as Record<string, unknown>;
    expect(persisted.state).toBe("COMPLETED");
    expect(persisted).not.toHaveProperty("input");
  });

  it("answers 429 once the waiting inputs pass 64 MB, and takes requests again as they finish", async () => {
    setKnobs({ latencyMs: 600_000, concurrency: 1 });
    const fal = client();
    const big = { prompt: "x".repeat(1_000_000), image_size: "square" as const };
    const ids: string[] = [];
    try {
      let refused: unknown;
      for (let i = 0; i < 80 && !refused; i++) {
        await fal.queue.submit("fal-ai/flux/schnell", { input: big }).then((r) => ids.push(r.request_id), (e: unknown) => (refused = e));
      }
      expect(refused, "a submit was refused").toBeInstanceOf(ApiError);
      expect((refused as ApiError<unknown>).status).toBe(429);
      // 64 MB of ~1 MB inputs.
      expect(ids.length).toBeGreaterThanOrEqual(60);
      expect(ids.length).toBeLessThanOrEqual(68);
      await Promise.all(ids.map((requestId) => fal.queue.cancel("fal-ai/flux/schnell", { requestId }).catch(() => undefined)));
      await fal.queue.submit("fal-ai/flux/schnell", { input: big }).then((r) => ids.push(r.request_id));
    } finally {
      await Promise.all(ids.map((requestId) => fal.queue.cancel("fal-ai/flux/schnell", { requestId }).catch(() => undefined)));
      setKnobs({ latencyMs: 0, concurrency: 2 });
    }
  });
});
