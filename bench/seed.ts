import { randomUUID } from "node:crypto";
import sharp from "sharp";

/**
 * Fills a studio's store before its server starts, through the studio's own modules (run under
 * `tsx --conditions=react-server`, as `npm run bench` does): finished image jobs sharing a few
 * real images, one of them shared.
 */

/** Points the studio's modules at a data dir / database, as the server will see it. */
async function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const { resetEnvCache } = await import("@/lib/env");
  const { closeDb } = await import("@/lib/db/client");
  const { forgetProcessSingleton } = await import("@/lib/process-singleton");
  resetEnvCache();
  forgetProcessSingleton("blob-store");
  await closeDb();
}

export type Seeded = { shareId: string; jobId: string };

export async function seedJobs(env: { STUDIO_DATA_DIR: string; DATABASE_URL?: string }, count: number): Promise<Seeded> {
  await configure({ DATABASE_URL: undefined, ...env });
  const { closeDb } = await import("@/lib/db/client");
  const { insertJob } = await import("@/lib/jobs/repository");
  const { newRecord } = await import("@/lib/jobs/record");
  const { saveMediaBuffer } = await import("@/lib/media/store");
  const { newShareId } = await import("@/lib/jobs/actions");
  const images = [];
  for (let i = 0; i < 12; i++) {
    const png = await sharp({ create: { width: 512, height: 384, channels: 3, background: { r: (i * 40) % 255, g: 80, b: 160 } } }).png().toBuffer();
    images.push(await saveMediaBuffer(png, "image/png"));
  }
  const shareId = newShareId();
  const words = ["fox", "lighthouse", "neon city", "forest", "harbour", "desert", "glass", "mountain", "robot", "garden"];
  const start = Date.now() - count * 60_000;
  let jobId = "";
  for (let i = 0; i < count; i++) {
    const prompt = `${words[i % words.length]} study ${i}, cinematic light, detailed`;
    const createdAt = new Date(start + i * 60_000).toISOString();
    const shared = i === Math.floor(count / 2);
    const record = {
      ...newRecord({ id: randomUUID(), task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: { task: "image", prompt, imageSize: "landscape_4_3", steps: 28, guidance: 3.5, numImages: 1, strength: 0.85, seed: i } }),
      status: "done" as const,
      createdAt,
      updatedAt: createdAt,
      seed: i,
      outputs: [{ kind: "image" as const, ...images[i % images.length]!, width: 512, height: 384 }],
      shareId: shared ? shareId : null,
    };
    if (shared) jobId = record.id;
    await insertJob(record);
  }
  await closeDb();
  return { shareId, jobId };
}
