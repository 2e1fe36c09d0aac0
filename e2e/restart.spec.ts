import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startOwnServer } from "./support/own-server";

/**
 * Nothing is lost across restarts: a job running when the server dies is taken up again when it
 * starts, by the engine's persisted queue and the job's lease, and ends with its output stored.
 */
test("a job interrupted by a server crash finishes after the restart, with its output", async ({ request }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const env = {
    STUDIO_ENGINE: "local",
    STUDIO_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "studio-restart-")),
    STUDIO_LOCAL_LATENCY_MS: "6000",
    STUDIO_INSTANCE_ID: "restart-test",
  };
  let server = await startOwnServer(port, env);
  const created = await request.post(`${server.url}/api/jobs`, { data: { task: "image", prompt: "a lighthouse in a storm", imageSize: "square", seed: 11 } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await expect
    .poll(async () => ((await (await request.get(`${server.url}/api/jobs/${id}`)).json()) as { status: string }).status, { timeout: 15_000 })
    .toBe("running");
  await server.stop("SIGKILL");

  server = await startOwnServer(port, env);
  try {
    await expect
      .poll(async () => ((await (await request.get(`${server.url}/api/jobs/${id}`)).json()) as { status: string }).status, { timeout: 60_000, intervals: [500] })
      .toBe("done");
    const job = (await (await request.get(`${server.url}/api/jobs/${id}`)).json()) as { seed: number; outputs: { url: string; copyError?: string }[] };
    expect(job.seed).toBe(11);
    expect(job.outputs).toHaveLength(1);
    expect(job.outputs[0]!.copyError).toBeUndefined();
    const image = await request.get(`${server.url}${job.outputs[0]!.url}`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
  } finally {
    await server.stop();
  }
});
