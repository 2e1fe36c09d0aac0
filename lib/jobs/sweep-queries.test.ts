import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useStudioEnv, type Backends } from "@/test/engine-harness";
import { newRecord } from "./record";
import { insertJob } from "./repository";
import type { JobRecord, JobStatus } from "./schema";
import { pendingWebhooks, releaseFalLeases } from "./sweep-queries";

function job(status: JobStatus, engine: JobRecord["engine"] = "local", webhook: JobRecord["webhook"] = null): JobRecord {
  const input = { task: "image" as const, prompt: "a sweep", imageSize: "square" as const, steps: 4, guidance: 3, numImages: 1, strength: 0.85 };
  return { ...newRecord({ id: randomUUID(), task: "image", endpointId: "fal-ai/flux/dev", engine, input }), status, webhook };
}

const hook = (state: "pending" | "delivered") => ({ url: "https://example.com/hook", state, attempts: [] });
const leaseUntil = async (id: string) => (await (await db()).selectFrom("jobs").select("lease_until").where("id", "=", id).executeTakeFirstOrThrow()).lease_until;

describe.each<Backends>([{ database: "sqlite" }, { database: "postgres" }])("the sweeper's queries on $database", (backends) => {
  beforeAll(async () => {
    await useStudioEnv({}, backends);
  });

  it("finds the webhooks still to send: finished jobs whose delivery is pending, not running ones nor delivered ones", async () => {
    const due = await insertJob(job("done", "local", hook("pending")));
    const failedDue = await insertJob(job("failed", "local", hook("pending")));
    const running = await insertJob(job("running", "local", hook("pending")));
    const delivered = await insertJob(job("done", "local", hook("delivered")));
    const ids = await pendingWebhooks();
    expect(ids).toEqual(expect.arrayContaining([due.id, failedDue.id]));
    expect(ids).not.toContain(running.id);
    expect(ids).not.toContain(delivered.id);
  });

  it("releases the owner's leases on unfinished fal jobs only: the local engine's and other owners' stay", async () => {
    const until = new Date(Date.now() + 60_000).toISOString();
    const fal = await insertJob(job("running", "fal"), { owner: "stopping", until });
    const local = await insertJob(job("running", "local"), { owner: "stopping", until });
    const others = await insertJob(job("running", "fal"), { owner: "another", until });
    const ended = await insertJob(job("done", "fal"), { owner: "stopping", until });
    expect(await releaseFalLeases("stopping")).toBe(1);
    expect(Date.parse((await leaseUntil(fal.id)) ?? "")).toBeLessThan(Date.now());
    for (const kept of [local, others, ended]) expect(await leaseUntil(kept.id)).toBe(until);
  });
});
