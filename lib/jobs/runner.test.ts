import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setKnobs } from "@/lib/local-engine/state";
import { blobStore } from "@/lib/media/blob-store";
import { locateMedia, saveMediaBuffer } from "@/lib/media/store";
import { parseMediaName } from "@/lib/media/types";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv, type Backends } from "@/test/engine-harness";
import { getJob } from "./repository";
import { cancelJob, startGeneration } from "./runner";
import { isTerminal, type JobRecord } from "./schema";

/** The runner end to end: plan → upload inputs → queue → poll → copy outputs into the media store. */

beforeAll(() => vi.stubGlobal("fetch", engineFetch));
afterAll(() => vi.unstubAllGlobals());

async function settle(id: string): Promise<JobRecord> {
  for (let i = 0; i < 400; i++) {
    const job = (await getJob(id))!;
    if (isTerminal(job.status)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("job did not finish");
}

async function stored(url: string): Promise<Buffer> {
  const found = await locateMedia(url);
  expect(found, `${url} is in the media store`).toBeDefined();
  const { sha256, ext } = parseMediaName(url)!;
  const chunks: Buffer[] = [];
  for await (const chunk of await (await blobStore()).read(`${sha256}.${ext}`)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe.each<Backends>([
  { database: "sqlite", media: "disk" },
  { database: "postgres", media: "s3" },
])("runner on $database + $media", (backends) => {
  beforeAll(async () => {
    await useStudioEnv({ FAL_KEY: "runner-key", STUDIO_INTERNAL_URL: ENGINE_ORIGIN, STUDIO_HTTP_RETRIES: "0" }, backends);
    setKnobs({ latencyMs: 0, failureRate: 0, concurrency: 2 });
  });

  it("generates images, records the timeline, and stores outputs under their sha256", async () => {
    const job = await startGeneration({ task: "image", prompt: "a glass greenhouse", imageSize: { width: 256, height: 192 }, steps: 4, guidance: 3, numImages: 2, seed: 99, strength: 0.85 });
    expect(job.status).toBe("queued");
    const done = await settle(job.id);
    expect(done.status).toBe("done");
    expect(done.timeline.map((t) => t.status)).toEqual(["queued", "running", "done"]);
    expect(done.seed).toBe(99);
    expect(done.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(done.outputs).toHaveLength(2);
    for (const out of done.outputs) {
      const bytes = await stored(out.url);
      expect(out.url).toContain(createHash("sha256").update(bytes).digest("hex"));
      expect(await sharp(bytes).metadata()).toMatchObject({ width: 256, height: 192 });
    }
  });

  it("inpaints through fal storage uploads and keeps every unmasked pixel", async () => {
    const raw = Buffer.alloc(160 * 120 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 7) % 256;
    const image = await saveMediaBuffer(await sharp(raw, { raw: { width: 160, height: 120, channels: 3 } }).png().toBuffer(), "image/png");
    const maskRaw = Buffer.alloc(160 * 120);
    for (let y = 40; y < 80; y++) maskRaw.fill(255, y * 160 + 40, y * 160 + 120);
    const mask = await saveMediaBuffer(await sharp(maskRaw, { raw: { width: 160, height: 120, channels: 1 } }).png().toBuffer(), "image/png");

    const done = await settle((await startGeneration({ task: "inpaint", prompt: "a red door", image: image.url, mask: mask.url, steps: 4, guidance: 3, strength: 1, numImages: 1, seed: 5 })).id);
    expect(done.status, done.error?.message).toBe("done");
    const out = await sharp(await stored(done.outputs[0]!.url)).removeAlpha().raw().toBuffer();
    let changedInside = 0;
    for (let y = 0; y < 120; y++) {
      for (let x = 0; x < 160; x++) {
        const i = (y * 160 + x) * 3;
        const inside = maskRaw[y * 160 + x] === 255;
        const same = out[i] === raw[i] && out[i + 1] === raw[i + 1] && out[i + 2] === raw[i + 2];
        if (!inside) expect(same, `pixel ${x},${y} outside the mask`).toBe(true);
        else if (!same) changedInside++;
      }
    }
    expect(changedInside).toBeGreaterThan(40 * 80 * 0.9);
  });

  it("records the provider's reason when a job fails", async () => {
    setKnobs({ failureRate: 1 });
    try {
      const done = await settle((await startGeneration({ task: "image", prompt: "x", imageSize: "square", steps: 1, guidance: 1, numImages: 1, strength: 0.85 })).id);
      expect(done.status).toBe("failed");
      expect(done.error?.message).toContain("STUDIO_LOCAL_FAILURE_RATE");
    } finally {
      setKnobs({ failureRate: 0 });
    }
  });

  it("cancels a running job at the provider", async () => {
    setKnobs({ latencyMs: 10_000 });
    try {
      const job = await startGeneration({ task: "image", prompt: "slow", imageSize: "square", steps: 1, guidance: 1, numImages: 1, strength: 0.85 });
      for (let i = 0; i < 100 && !(await getJob(job.id))!.requestId; i++) await new Promise((r) => setTimeout(r, 10));
      const cancelled = await cancelJob(job.id);
      expect(cancelled.status).toBe("cancelled");
      await new Promise((r) => setTimeout(r, 100));
      expect((await getJob(job.id))!.status).toBe("cancelled");
      await expect(cancelJob(job.id)).rejects.toMatchObject({ code: "conflict" });
    } finally {
      setKnobs({ latencyMs: 0 });
    }
  });

  it("refuses a model that does not do the task and a duration the model lacks", async () => {
    await expect(startGeneration({ task: "image", model: "fal-ai/whisper", prompt: "x", imageSize: "square", steps: 1, guidance: 1, numImages: 1, strength: 0.85 })).rejects.toThrow(/not a text-to-image model/);
    await expect(startGeneration({ task: "video", prompt: "x", duration: "7", steps: 1, guidance: 1 })).rejects.toThrow(/5, 10 seconds/);
  });
});
