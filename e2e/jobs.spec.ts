import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { JobRecord } from "./support/api";

/**
 * Jobs under changed engine conditions. These tests change the shared server's engine knobs, so
 * they run one after another and hold the engine exclusively (other workers' tests wait).
 */
test.describe.configure({ mode: "serial" });
test.use({ exclusiveEngine: true });

/** Holds the job event stream unanswered, so what a page shows of a job comes only from its own requests' answers. */
const holdJobStream = (page: Page) => page.route("**/api/jobs/events?**", () => new Promise<void>(() => {}));

test.describe("Jobs", () => {
  test("a slow job can be cancelled from the page, and the engine stops it too", async ({ engine, imagePage, api, request }) => {
    await engine.set({ latencyMs: 8000 });
    await imagePage.goto();
    await imagePage.prompt.fill("a very slow render");
    const job = await imagePage.generate();
    await imagePage.expectJobStatus(/^(queued|running)$/);
    await expect(imagePage.cancelButton).toBeVisible();
    const clickedAt = Date.now();
    await imagePage.cancelButton.click();

    await imagePage.expectJobStatus("cancelled", 5_000);
    await expect(imagePage.jobStatus).toContainText("You cancelled this job");
    await expect(imagePage.cancelButton).toHaveCount(0);
    expect((await api.job(job.id)).status).toBe("cancelled");

    // The cancel reached the engine: its request ends long before the 8 s it would take.
    const { requestId } = await api.waitForJob(job.id, (j) => j.requestId !== null, 5_000);
    await expect
      .poll(async () => {
        const res = await request.get("/api/fal/proxy", {
          headers: { "x-fal-target-url": `https://queue.fal.run/fal-ai/flux/requests/${requestId}/status` },
        });
        return ((await res.json()) as { status?: string }).status;
      }, { timeout: 5_000 })
      .toBe("COMPLETED");
    expect(Date.now() - clickedAt).toBeLessThan(7_000);
    // It stays cancelled.
    expect((await api.job(job.id)).status).toBe("cancelled");
  });

  test("a running job can be cancelled from its own page, which then offers Delete", async ({ engine, api, jobPage, page }) => {
    await engine.set({ latencyMs: 8000 });
    const job = await api.startJob({ task: "image", prompt: `a very slow pier ${Date.now()}`, imageSize: "square" });
    await holdJobStream(page);
    await page.goto(`/jobs/${job.id}`);
    await expect(jobPage.deleteButton).toBeDisabled();
    const status = page.getByTestId("job-status");
    await status.getByRole("button", { name: "Cancel" }).click();
    await expect(status).toHaveAttribute("data-status", "cancelled", { timeout: 5_000 });
    await expect(status).toContainText("This job was cancelled");
    await expect(jobPage.deleteButton).toBeEnabled();
    expect((await api.job(job.id)).status).toBe("cancelled");
  });

  // A finished job's result comes rendered by the server; one that ends on its page loads the result views then.
  test("a job opened while it runs shows its result on its page as it ends", async ({ engine, api, page }) => {
    await engine.set({ latencyMs: 3000 });
    const job = await api.startJob({ task: "image", prompt: "a slow lighthouse", imageSize: "square", numImages: 2 });
    await page.goto(`/jobs/${job.id}`);
    const status = page.getByTestId("job-page").locator("header").getByTestId("status-badge");
    await expect(status).toHaveAttribute("data-status", /^(queued|running)$/);
    const images = page.getByRole("region", { name: "Result" }).getByTestId("result-image");
    await expect(images).toHaveCount(0);
    await expect(status).toHaveAttribute("data-status", "done", { timeout: 15_000 });
    await expect(images).toHaveCount(2);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("a slow lighthouse");
  });

  test("a job the engine fails ends failed with the reason on the page", async ({ engine, imagePage, api }) => {
    await engine.set({ failureRate: 1, latencyMs: 200 });
    await imagePage.goto();
    await imagePage.prompt.fill("this one is doomed");
    const job = await imagePage.generate();
    await imagePage.expectJobStatus("failed");
    await expect(imagePage.jobStatus).toContainText("The job did not finish");
    await expect(imagePage.failureReason).toContainText("Why it failed");
    await expect(imagePage.failureReason).toContainText(/failed this request on purpose/);
    await expect(imagePage.resultImages).toHaveCount(0);
    const record = await api.job(job.id);
    expect(record.status).toBe("failed");
    expect(record.error?.message).toMatch(/failed this request on purpose/);
  });

  test("queued jobs report their position, and the page shows it", async ({ engine, imagePage, api }) => {
    await engine.set({ latencyMs: 4000, concurrency: 1 });
    await imagePage.goto();
    const started: JobRecord[] = [];
    try {
      const input = { task: "image", imageSize: "square", numImages: 1 };
      started.push(await api.startJob({ ...input, prompt: "first in line" }));
      started.push(await api.startJob({ ...input, prompt: "second in line" }));
      const [first, second] = started as [JobRecord, JobRecord];

      await api.waitForJob(first.id, (j) => j.status === "running", 10_000);
      const waiting = await api.waitForJob(second.id, (j) => j.status !== "queued" || j.queuePosition !== null, 10_000);
      expect(waiting.status).toBe("queued");
      expect(waiting.queuePosition).toEqual(expect.any(Number));
      expect(waiting.queuePosition!).toBeGreaterThanOrEqual(0);

      // A third job from the form waits behind both and says where it stands.
      await imagePage.prompt.fill("third in line");
      started.push(await imagePage.generate());
      await expect(imagePage.jobStatus).toContainText(/Waiting in the queue · position \d+/, { timeout: 10_000 });
      await expect(imagePage.jobStatus).toHaveAttribute("data-status", "queued");
    } finally {
      // Free the single worker for whoever comes next.
      for (const job of started) await api.cancel(job.id);
    }
  });
  // A History card is sent only what it shows (components/history/card.ts); the rest it is told as its job changes.
  test("a History card follows its running job: working, then its pictures and facts once done", async ({ engine, api, historyPage, page }) => {
    await engine.set({ latencyMs: 3000 });
    const prompt = `a slow harbour ${Date.now()}`;
    const job = await api.startJob({ task: "image", prompt, imageSize: "square", numImages: 2 });
    await historyPage.goto();
    const card = page.locator(`[data-job-card="${job.id}"]`);
    await expect(card).toHaveAttribute("data-status", /^(queued|running)$/);
    await expect(card.locator("img")).toHaveCount(0);
    await expect(card.getByRole("button", { name: "Cancel job" })).toBeVisible();

    await expect(card).toHaveAttribute("data-status", "done", { timeout: 15_000 });
    await expect(card.getByTestId("status-badge")).toHaveText("Done");
    await expect(card.locator("img")).toHaveAttribute("src", /^\/api\/media\/[a-f0-9]{64}\.png$/);
    await expect(card.getByText("2 images", { exact: true })).toBeVisible();
    await expect(card.getByText(/^2 images · \d+×\d+$/)).toBeVisible();
    await expect(card.getByRole("button", { name: "Delete" })).toBeVisible();
    await expect(card.getByRole("link", { name: prompt })).toHaveAttribute("href", `/jobs/${job.id}`);
  });

  test("a History card's Cancel stops its job and the card says so", async ({ engine, api, historyPage, page }) => {
    await engine.set({ latencyMs: 8000 });
    const job = await api.startJob({ task: "image", prompt: `a very slow harbour ${Date.now()}`, imageSize: "square" });
    await holdJobStream(page);
    await historyPage.goto();
    const card = page.locator(`[data-job-card="${job.id}"]`);
    await card.getByRole("button", { name: "Cancel job" }).click();
    await expect(card).toHaveAttribute("data-status", "cancelled", { timeout: 5_000 });
    await expect(card.getByText("Cancelled", { exact: true }).first()).toBeVisible();
    await expect(card.getByRole("button", { name: "Delete" })).toBeVisible();
    expect((await api.job(job.id)).status).toBe("cancelled");
  });
});
