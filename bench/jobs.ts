import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { appIdOf } from "@/lib/providers/catalog";

/**
 * Image jobs through a studio on the local engine with no simulated latency
 * (STUDIO_LOCAL_LATENCY_MS=0), so what the engine reports as its own time is the generator's.
 * Times come from the job records (created → done stored) and the engine's status
 * (`metrics.inference_time`, as fal reports it), not from the bench's polling.
 */
const ENDPOINT = "fal-ai/flux/dev";
const record = z.object({
  id: z.string(),
  status: z.string(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
  timings: z.object({ totalMs: z.number().optional() }),
  error: z.unknown(),
});
type Job = z.infer<typeof record>;

async function json<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
  const body = await res.text();
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${body.slice(0, 300)}`);
  return schema.parse(JSON.parse(body));
}

async function submit(origin: string, i: number, size: number): Promise<string> {
  const res = await fetch(`${origin}/api/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ task: "image", model: ENDPOINT, prompt: `a lighthouse on a basalt cliff, study ${i}`, imageSize: { width: size, height: size }, numImages: 1, seed: i }),
  });
  return (await json(res, z.object({ id: z.string() }))).id;
}

function finished(job: Job): number {
  if (job.status !== "done" || job.timings.totalMs === undefined) throw new Error(`job ${job.id} ended ${job.status}: ${JSON.stringify(job.error)}`);
  return Date.parse(job.createdAt) + job.timings.totalMs;
}

/** The engine's own time for a request, in ms (fal's `metrics.inference_time`, in seconds). */
async function generatorMs(origin: string, requestId: string): Promise<number> {
  const res = await fetch(`${origin}/api/local/fal/queue.fal.run/${appIdOf(ENDPOINT)}/requests/${requestId}/status`);
  const status = await json(res, z.object({ metrics: z.object({ inference_time: z.number() }) }));
  return status.metrics.inference_time * 1000;
}

async function waitForIdle(origin: string, deadline: number) {
  const active = z.object({ jobs: z.array(z.unknown()) });
  while ((await json(await fetch(`${origin}/api/jobs?status=active&limit=1`), active)).jobs.length > 0) {
    if (Date.now() > deadline) throw new Error("jobs still running at the deadline");
    await sleep(100);
  }
}

type OneJob = { endToEndMs: number; generatorMs: number };

/** One image job alone: created → done in its record, against the generator's own time. */
async function oneJob(origin: string, size: number, seed: number): Promise<OneJob> {
  const id = await submit(origin, seed, size);
  await waitForIdle(origin, Date.now() + 60_000);
  const job = await json(await fetch(`${origin}/api/jobs/${id}`), record);
  const done = finished(job);
  return { endToEndMs: done - Date.parse(job.createdAt), generatorMs: await generatorMs(origin, job.requestId!) };
}

type Batch = { wallMs: number; idealMs: number };

/**
 * `count` jobs submitted at once: from the first created to the last done, against the ideal —
 * the generators' summed time spread over the engine's `concurrency` workers.
 */
async function batch(origin: string, count: number, size: number, concurrency: number): Promise<Batch> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await submit(origin, 1000 + i, size));
  await waitForIdle(origin, Date.now() + 10 * 60_000);
  const jobs = (await json(await fetch(`${origin}/api/jobs?limit=${count}`), z.object({ jobs: z.array(record) }))).jobs;
  const mine = jobs.filter((j) => ids.includes(j.id));
  if (mine.length !== count) throw new Error(`found ${mine.length} of the ${count} jobs`);
  const wallMs = Math.max(...mine.map(finished)) - Math.min(...mine.map((j) => Date.parse(j.createdAt)));
  let generatorTotal = 0;
  for (const j of mine) generatorTotal += await generatorMs(origin, j.requestId!);
  return { wallMs, idealMs: generatorTotal / concurrency };
}

/**
 * Per round: three jobs one at a time, then a batch. Samples in ms (single jobs) and s (batches);
 * the overhead and wall/ideal ratio are per job and per batch.
 */
export async function jobFigures(origin: string, o: { rounds: number; batchJobs: number; size: number; concurrency: number }) {
  const single = { endToEnd: [] as number[], generator: [] as number[], overhead: [] as number[] };
  const batches = { wall: [] as number[], ideal: [] as number[], ratio: [] as number[] };
  await oneJob(origin, o.size, 0); // warm-up
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < 3; i++) {
      const r = await oneJob(origin, o.size, round * 10 + i + 1);
      single.endToEnd.push(r.endToEndMs);
      single.generator.push(r.generatorMs);
      single.overhead.push(r.endToEndMs - r.generatorMs);
    }
    const b = await batch(origin, o.batchJobs, o.size, o.concurrency);
    batches.wall.push(b.wallMs / 1000);
    batches.ideal.push(b.idealMs / 1000);
    batches.ratio.push(b.wallMs / b.idealMs);
  }
  return { single, batches };
}
