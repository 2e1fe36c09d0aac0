import { expect, test } from "./fixtures";

/**
 * Job status reaches the page as the server writes it (GET /api/jobs/events), not on a poll: the
 * page follows its jobs over one event stream and never asks for a job's record.
 */

test.describe("Job status pushed to the page", () => {
  test("a generated image reaches done on the page over the event stream, its record never polled", async ({ imagePage, page }) => {
    const jobFetches: string[] = [];
    const streams: string[] = [];
    page.on("request", (req) => {
      const path = new URL(req.url()).pathname;
      if (path === "/api/jobs/events") streams.push(req.url());
      else if (/^\/api\/jobs\/[^/]+$/.test(path) && req.method() === "GET") jobFetches.push(path);
    });
    await imagePage.goto();
    await imagePage.prompt.fill("a lighthouse at dawn, pushed");
    const job = await imagePage.generate();
    await imagePage.expectJobStatus("done");
    await expect(imagePage.resultImages).toHaveCount(1);
    expect(jobFetches, "the job's record was never polled").toEqual([]);
    expect(streams.length).toBeGreaterThanOrEqual(1);
    expect(streams.at(-1)).toContain(`ids=${job.id}`);
  });

  test("with the event stream refused, the page polls the job and still shows done", async ({ imagePage, page }) => {
    const jobFetches: string[] = [];
    await page.route("**/api/jobs/events?**", (route) => route.abort());
    page.on("request", (req) => {
      if (/^\/api\/jobs\/[^/]+$/.test(new URL(req.url()).pathname) && req.method() === "GET") jobFetches.push(req.url());
    });
    await imagePage.goto();
    await imagePage.prompt.fill("a lighthouse at dawn, polled");
    await imagePage.generate();
    await imagePage.expectJobStatus("done");
    expect(jobFetches.length).toBeGreaterThanOrEqual(1);
  });
});
