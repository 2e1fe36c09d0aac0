import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/jobs/events/route";
import { db } from "@/lib/db/client";
import { STREAMS_PER_CLIENT } from "@/lib/http/open-streams";
import { sseEvents } from "@/lib/http/sse";
import { shutdownSignal } from "@/lib/shutdown";
import { abortRegistrations } from "@/test/abort-registrations";
import { useStudioEnv, type Backends } from "@/test/engine-harness";
import { newRecord } from "./record";
import * as repository from "./repository";
import { deleteJob, getJob, insertJob, updateJob } from "./repository";
import type { JobRecord } from "./schema";
import { transition } from "./status";
import { REREAD_MS } from "./job-events";

/** GET /api/jobs/events: a job's record as it changes, as server-sent events, until it ends. */

const open = (ids: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  GET(new Request(`http://localhost:3000/api/jobs/events?ids=${ids}`, { headers: { host: "localhost:3000", ...headers }, signal }), undefined as never);

async function queued(): Promise<JobRecord> {
  return insertJob(newRecord({ id: randomUUID(), task: "prompts", endpointId: "x/y", engine: "local", input: { idea: "a lighthouse", target: "image", count: 1 } }));
}

/** Every event until the stream closes, each with how long after opening it came. */
async function collect(res: Response): Promise<{ event: string; data: { id?: string; status?: string; logs?: unknown[] }; ms: number }[]> {
  const started = performance.now();
  const events = [];
  for await (const e of sseEvents(res.body!)) events.push({ event: e.event, data: JSON.parse(e.data), ms: performance.now() - started });
  return events;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each<Backends>([{ database: "sqlite" }, { database: "postgres" }])("job events on $database", (backends) => {
  beforeAll(async () => {
    await useStudioEnv({}, backends);
  });

  it("sends each change this process writes, one by one and in order (the 1 s re-read would see only the last), and ends after the job has ended", async () => {
    const job = await queued();
    const res = await open(job.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    const events = collect(res);
    await pause(50);
    await updateJob(job.id, (j) => void transition(j, { to: "running" }));
    await pause(50);
    await updateJob(job.id, (j) => void (j.logs = [{ message: "Denoising step 1/4", level: "INFO", at: new Date().toISOString() }]));
    await pause(50);
    await updateJob(job.id, (j) => void transition(j, { to: "done", fields: { outputs: [] } }));
    const got = await events;
    expect(got.map((e) => [e.event, e.data.status, e.data.logs?.length])).toEqual([
      ["job", "queued", 0],
      ["job", "running", 0],
      ["job", "running", 1],
      ["job", "done", 1],
      ["end", undefined, undefined],
    ]);
  });

  it("finds a change another process wrote (no notice here) by re-reading", async () => {
    const job = await queued();
    const events = collect(await open(job.id));
    await pause(50);
    const done = { ...(await getJob(job.id))!, status: "done" as const, updatedAt: new Date().toISOString() };
    await (await db()).updateTable("jobs").set({ status: "done", record: JSON.stringify(done) }).where("id", "=", job.id).execute();
    const got = await events;
    expect(got.map((e) => e.data.status ?? e.event)).toEqual(["queued", "done", "end"]);
    expect(got[1]!.ms).toBeGreaterThan(REREAD_MS / 2);
  });

  it("follows several jobs on one stream; a missing or deleted one is gone", async () => {
    const [a, b] = [await queued(), await queued()];
    const missing = randomUUID();
    const events = collect(await open(`${a.id},${b.id},${missing}`));
    await pause(50);
    await deleteJob(b.id);
    await updateJob(a.id, (j) => void transition(j, { to: "cancelled" }));
    const got = (await events).map((e) => `${e.event} ${e.data.id ?? ""} ${e.data.status ?? ""}`.trim());
    expect(got.slice(0, 3).sort()).toEqual([`gone ${missing}`, `job ${a.id} queued`, `job ${b.id} queued`].sort());
    // Two jobs' changes come in whichever order their reads end.
    expect(got.slice(3, 5).sort()).toEqual([`gone ${b.id}`, `job ${a.id} cancelled`].sort());
    expect(got.slice(5)).toEqual(["end"]);
  });

  it("stops following when the caller leaves", async () => {
    const job = await queued();
    const leave = new AbortController();
    const res = await open(job.id, {}, leave.signal);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"status":"queued"');
    leave.abort();
    await pause(20);
    await updateJob(job.id, (j) => void transition(j, { to: "running" }));
    expect((await reader.read()).done).toBe(true);
  });
  it("holds only each job's latest record for a reader that stops reading, and sends it when the reader is back", async () => {
    const job = await queued();
    const events = sseEvents((await open(job.id)).body!);
    const next = async () => {
      const { value } = await events.next();
      const data = JSON.parse(value!.data) as { status?: string; logs?: unknown[] };
      return [value!.event, data.status, data.logs?.length];
    };
    await pause(50);
    await updateJob(job.id, (j) => void transition(j, { to: "running" }));
    for (let i = 1; i <= 20; i++) {
      await updateJob(job.id, (j) => void j.logs.push({ message: `Denoising step ${i}/20`, level: "INFO", at: new Date().toISOString() }));
      await pause(5);
    }
    // The first record filled the queue; of the 21 changes made while nobody read, the last is told.
    expect(await next()).toEqual(["job", "queued", 0]);
    expect(await next()).toEqual(["job", "running", 20]);
    await updateJob(job.id, (j) => void transition(j, { to: "done", fields: { outputs: [] } }));
    expect(await next()).toEqual(["job", "done", 20]);
    expect(await next()).toEqual(["end", undefined, undefined]);
    expect((await events.next()).done).toBe(true);
  });

  it("reads a job once for all the streams that follow it, not once per stream each second", async () => {
    const job = await queued();
    const reads = vi.spyOn(repository, "getJob");
    const streams = await Promise.all(Array.from({ length: 20 }, (_, i) => open(job.id, { "x-forwarded-for": `192.0.2.${i}` })));
    try {
      expect(streams.map((r) => r.status)).toEqual(streams.map(() => 200));
      await pause(REREAD_MS * 1.5);
      // Each stream has looked at the job at least twice (at the start, then at its re-read): 40
      // reads unshared, a few shared.
      const count = reads.mock.calls.filter(([id]) => id === job.id).length;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(20);
    } finally {
      reads.mockRestore();
      for (const res of streams) await res.body!.cancel();
    }
  });

  it("leaves nothing on the shutdown signal once a stream is over, however many were opened", async () => {
    const job = await queued();
    await updateJob(job.id, (j) => void transition(j, { to: "done", fields: {} }));
    const before = abortRegistrations(shutdownSignal());
    for (let i = 0; i < 20; i++) await collect(await open(job.id));
    expect(abortRegistrations(shutdownSignal())).toBe(before);
  });
});

describe("who may open it", () => {
  it("refuses another site's page, a foreign Host and a bad list; a program or the studio's own page may", async () => {
    await useStudioEnv({});
    const job = await queued();
    await updateJob(job.id, (j) => void transition(j, { to: "done", fields: {} }));
    const refused = await open(job.id, { "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    // It is a read that is refused, not a change.
    expect((await refused.json()).error.message).toBe("Refused a cross-site request from https://evil.example: the studio serves this only to its own pages and to programs.");
    expect((await open(job.id, { origin: "https://evil.example" })).status).toBe(403);
    expect((await open(job.id, { host: "rebound.evil.example" })).status).toBe(403);
    expect((await open("")).status).toBe(422);
    expect((await open(Array.from({ length: 51 }, () => randomUUID()).join(","))).status).toBe(422);
    for (const headers of [{}, { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }] as Record<string, string>[]) {
      const res = await open(job.id, headers);
      expect(res.status).toBe(200);
      expect((await collect(res)).map((e) => e.event)).toEqual(["job", "end"]);
    }
  });
});

describe("how many may be open", () => {
  const from = (address: string, job: string) => open(job, { "x-forwarded-for": address });

  it("takes 16 streams from one address, refuses the next with a 429 until one closes, and counts each address apart", async () => {
    await useStudioEnv({});
    const job = (await queued()).id;
    const mine = [];
    for (let i = 0; i < STREAMS_PER_CLIENT; i++) mine.push(await from("203.0.113.7", job));
    expect(mine.map((r) => r.status)).toEqual(mine.map(() => 200));
    const refused = await from("203.0.113.7", job);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    // A proxy adds the address it saw last: that is the one counted, whatever the client put first.
    expect((await from("198.51.100.1, 203.0.113.7", job)).status).toBe(429);
    const other = await from("203.0.113.8", job);
    expect(other.status).toBe(200);
    await mine.pop()!.body!.cancel();
    const again = await from("203.0.113.7", job);
    expect(again.status).toBe(200);
    for (const res of [...mine, other, again]) await res.body!.cancel();
  });

  it("takes no more than STUDIO_MAX_EVENT_STREAMS from all addresses together, and counts out a stream that ended", async () => {
    await useStudioEnv({ STUDIO_MAX_EVENT_STREAMS: "3" });
    const job = await queued();
    const held = [await from("192.0.2.1", job.id), await from("192.0.2.2", job.id), await from("192.0.2.3", job.id)];
    expect(held.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await from("192.0.2.4", job.id)).status).toBe(429);
    // The job ends: every stream tells it, ends and is counted out.
    await updateJob(job.id, (j) => void transition(j, { to: "cancelled" }));
    for (const res of held) expect((await collect(res)).at(-1)?.event).toBe("end");
    const after = await from("192.0.2.4", job.id);
    expect(after.status).toBe(200);
    await after.body!.cancel();
  });
});
