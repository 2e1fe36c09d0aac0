import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as jobEvents } from "@/app/api/jobs/events/route";
import { GET as jobRoute } from "@/app/api/jobs/[id]/route";
import { newRecord } from "@/lib/jobs/record";
import { insertJob, updateJob } from "@/lib/jobs/repository";
import type { JobRecord } from "@/lib/jobs/schema";
import { transition } from "@/lib/jobs/status";
import { useStudioEnv } from "@/test/engine-harness";
import { httpStudio } from "./http-studio";
import { localStudio } from "./local-studio";

/** Studio.wait follows the job's changes as they are written, over HTTP and in process, polling only as a fallback. */

const ORIGIN = "http://localhost:3000";
let served: string[];
let eventsRoute: "on" | "missing";

/** The studio's two job routes, in process, each request logged. */
const studioFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const req = new Request(input, init);
  const url = new URL(req.url);
  served.push(url.pathname);
  const withHost = new Request(req, { headers: { ...Object.fromEntries(req.headers), host: url.host } });
  if (url.pathname === "/api/jobs/events") return eventsRoute === "on" ? jobEvents(withHost, undefined as never) : Response.json({ error: { code: "not_found", message: "no" } }, { status: 404 });
  return jobRoute(withHost, { params: Promise.resolve({ id: url.pathname.split("/").at(-1)! }) });
}) as typeof fetch;

async function runningJob(): Promise<JobRecord> {
  return insertJob(newRecord({ id: randomUUID(), task: "prompts", endpointId: "x/y", engine: "local", input: { idea: "a lighthouse", target: "image", count: 1 } }));
}

/** Moves the job on to running, then done, 30 ms apart. */
async function advance(id: string) {
  for (const step of [{ to: "running" as const }, { to: "done" as const, fields: {} }]) {
    await new Promise((r) => setTimeout(r, 30));
    await updateJob(id, (j) => void transition(j, step));
  }
}

beforeAll(async () => {
  await useStudioEnv({});
});

describe("Studio.wait", () => {
  it("over HTTP follows the job's event stream and never polls its record", async () => {
    served = [];
    eventsRoute = "on";
    const job = await runningJob();
    const seen: string[] = [];
    const [done] = await Promise.all([httpStudio(ORIGIN, { fetchImpl: studioFetch }).wait(job.id, (j) => seen.push(j.status)), advance(job.id)]);
    expect(done.status).toBe("done");
    expect(seen).toEqual(["queued", "running", "done"]);
    expect(served).toEqual(["/api/jobs/events"]);
  });

  it("over HTTP polls the record when the studio has no event stream", async () => {
    served = [];
    eventsRoute = "missing";
    const job = await runningJob();
    const [done] = await Promise.all([httpStudio(ORIGIN, { fetchImpl: studioFetch }).wait(job.id), advance(job.id)]);
    expect(done.status).toBe("done");
    expect(served.filter((p) => p === `/api/jobs/${job.id}`).length).toBeGreaterThanOrEqual(1);
  });

  it("in process hears each change as it is written", async () => {
    const job = await runningJob();
    const seen: string[] = [];
    const [done] = await Promise.all([localStudio(ORIGIN).wait(job.id, (j) => seen.push(j.status)), advance(job.id)]);
    expect(done.status).toBe("done");
    // 30 ms apart: a poll (it read every 150 ms) would have missed "running".
    expect(seen).toEqual(["queued", "running", "done"]);
  });

  it("answers not_found for a job that does not exist, both ways", async () => {
    eventsRoute = "on";
    await expect(httpStudio(ORIGIN, { fetchImpl: studioFetch }).wait(randomUUID())).rejects.toMatchObject({ code: "not_found" });
    await expect(localStudio(ORIGIN).wait(randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });
});
