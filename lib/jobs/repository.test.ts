import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { dbStatus } from "@/lib/db/client";
import { useStudioEnv, type Backends } from "@/test/engine-harness";
import { remove, share, unshare, SHARE_ID_PATTERN } from "./actions";
import { newRecord } from "./record";
import { claimUnfinished, getJob, getJobByShareId, insertJob, listJobs, renewLease, updateJob } from "./repository";
import type { JobRecord, JobStatus } from "./schema";
import { hasUnclaimedJobs } from "./sweep-queries";

function job(prompt: string, createdAt: string, task: "image" | "video" = "image", status: JobStatus = "done"): JobRecord {
  const input = task === "image"
    ? { task, prompt, imageSize: "square" as const, steps: 4, guidance: 3, numImages: 1, strength: 0.85 }
    : { task, prompt, steps: 4, guidance: 3 };
  return { ...newRecord({ id: randomUUID(), task, endpointId: "fal-ai/flux/dev", engine: "local", input }), status, createdAt, updatedAt: createdAt };
}

describe.each<Backends>([{ database: "sqlite" }, { database: "postgres" }])("job repository on $database", (backends) => {
  beforeAll(async () => {
    await useStudioEnv({}, backends);
  });

  it("migrates on first use and reports the database", async () => {
    expect(await dbStatus()).toMatchObject({ kind: backends.database, ok: true });
  });

  it("keeps the whole record and reads it back", async () => {
    const record = job("a blue door", new Date().toISOString());
    record.outputs = [{ kind: "image", url: `/api/media/${"b".repeat(64)}.png`, contentType: "image/png", width: 4, height: 3 }];
    await insertJob(record);
    expect(await getJob(record.id)).toEqual(record);
    expect(await getJob(randomUUID())).toBeUndefined();
  });

  it("updates atomically, stamps updatedAt and extends the timeline on status change", async () => {
    const record = await insertJob({ ...job("timeline", new Date().toISOString(), "image", "queued") });
    const updated = await updateJob(record.id, (j) => { j.status = "running"; j.logs = [{ message: "hi", level: "INFO", at: "x" }]; });
    expect(updated!.timeline.map((t) => t.status)).toEqual(["queued", "running"]);
    // Concurrent writers do not lose each other's changes.
    await Promise.all(Array.from({ length: 10 }, (_, i) => updateJob(record.id, (j) => { j.logs.push({ message: `l${i}`, level: "INFO", at: "x" }); })));
    expect((await getJob(record.id))!.logs).toHaveLength(11);
    expect(await updateJob(randomUUID(), () => undefined)).toBeUndefined();
  });

  describe("history", () => {
    const base = Date.parse("2030-01-01T00:00:00Z");
    const ids: string[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 30; i++) {
        const r = job(i % 3 === 0 ? `Fox number ${i} 100%_done` : `city ${i}`, new Date(base + i * 1000).toISOString(), i % 2 ? "video" : "image", i % 5 === 0 ? "failed" : "done");
        ids.push(r.id);
        await insertJob(r);
      }
    });

    it("pages newest first with a cursor, without gaps or repeats", async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await listJobs({ limit: 7, cursor, q: "" });
        seen.push(...page.jobs.filter((j) => Date.parse(j.createdAt) >= base).map((j) => j.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...ids].reverse());
    });

    it("filters by task and status, and searches prompt text case-insensitively with literal % and _", async () => {
      const videos = await listJobs({ task: "video", limit: 100 });
      expect(videos.jobs.every((j) => j.task === "video")).toBe(true);
      const failed = await listJobs({ status: "failed", limit: 100 });
      expect(failed.jobs.filter((j) => Date.parse(j.createdAt) >= base)).toHaveLength(6);
      const active = await insertJob(job("still queued", new Date(base - 5000).toISOString(), "image", "queued"));
      const inProgress = (await listJobs({ status: "active", limit: 100 })).jobs.map((j) => j.id);
      expect(inProgress).toContain(active.id);
      expect((await listJobs({ status: "active", limit: 100 })).jobs.every((j) => j.status === "queued" || j.status === "running")).toBe(true);
      const foxes = await listJobs({ q: "FOX", limit: 100 });
      expect(foxes.jobs).toHaveLength(10);
      expect((await listJobs({ q: "100%_d", limit: 100 })).jobs).toHaveLength(10);
      expect((await listJobs({ q: "%", limit: 100 })).jobs.every((j) => JSON.stringify(j.input).includes("%"))).toBe(true);
      expect((await listJobs({ q: "fox", task: "video", limit: 100 })).jobs.every((j) => j.task === "video")).toBe(true);
    });

    it("ignores a forged cursor", async () => {
      const page = await listJobs({ limit: 3, cursor: "not-a-cursor" });
      expect(page.jobs).toHaveLength(3);
    });
  });

  it("shares with a random id, finds the job by it, and unsharing forgets it", async () => {
    const record = await insertJob(job("share me", new Date().toISOString()));
    const shared = await share(record.id);
    expect(shared.shareId).toMatch(SHARE_ID_PATTERN);
    expect((await share(record.id)).shareId).toBe(shared.shareId);
    expect((await getJobByShareId(shared.shareId!))?.id).toBe(record.id);
    await unshare(record.id);
    expect(await getJobByShareId(shared.shareId!)).toBeUndefined();
    const running = await insertJob(job("not yet", new Date().toISOString(), "image", "running"));
    await expect(share(running.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("deletes once; the second time is not found", async () => {
    const record = await insertJob(job("delete me", new Date().toISOString()));
    await remove(record.id);
    expect(await getJob(record.id)).toBeUndefined();
    await expect(remove(record.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("leases unfinished jobs to one instance at a time, and takes over expired leases", async () => {
    const a = await insertJob(job("lease a", new Date().toISOString(), "image", "running"), { owner: "dead-instance", until: new Date(Date.now() - 1000).toISOString() });
    const b = await insertJob(job("lease b", new Date().toISOString(), "image", "queued"), { owner: "live-instance", until: new Date(Date.now() + 60_000).toISOString() });
    expect(await hasUnclaimedJobs("someone-else")).toBe(true);
    const claimedByMe = (await claimUnfinished("me", 30_000)).map((j) => j.id);
    expect(claimedByMe).toContain(a.id);
    expect(claimedByMe).not.toContain(b.id);
    expect((await claimUnfinished("someone-else", 30_000)).map((j) => j.id)).not.toContain(a.id);
    expect(await renewLease(a.id, "me", 30_000)).toBe(true);
    expect(await renewLease(a.id, "someone-else", 30_000)).toBe(false);
    // The same instance, restarted, takes its own jobs back at once.
    expect((await claimUnfinished("live-instance", 30_000)).map((j) => j.id)).toContain(b.id);
    // What a sweep asks before it loads the runner: nothing is left for another instance; its own leases count for a restarted one.
    expect(await hasUnclaimedJobs("someone-else")).toBe(false);
    expect(await hasUnclaimedJobs("live-instance")).toBe(true);
  });
});
