import { expect, test } from "./fixtures";
import type { ErrorBody } from "./support/api";
import { makeTestPng } from "./support/media";

test.describe("Video", () => {
  test("a Kling clip's share page lists what Kling takes, not the steps and guidance it never took", async ({ api, page }) => {
    const { id, endpointId } = await api.startJob({ task: "video", model: "fal-ai/kling-video/v2.1/master/text-to-video", prompt: "paper boats on a rainy street", duration: "5", aspectRatio: "1:1" });
    expect(endpointId).toBe("fal-ai/kling-video/v2.1/master/text-to-video");
    await api.waitForStatus(id, "done");
    const shared = await page.request.post(`/api/jobs/${id}/share`);
    expect(shared.status()).toBe(200);
    const { shareId } = (await shared.json()) as { shareId: string };

    await page.goto(`/s/${shareId}`);
    const settings = page.getByTestId("job-settings");
    await expect(settings).toContainText("Duration");
    await expect(settings).toContainText("Aspect ratio");
    await expect(settings.locator("dt", { hasText: /^(Steps|Guidance)$/ })).toHaveCount(0);
  });

  test("text-to-video: a 16:9 clip of the chosen length that plays, seeks and serves ranges", async ({ videoPage, page }) => {
    await videoPage.goto();
    await videoPage.prompt.fill("slow dolly-in on a neon-lit ramen stall in the rain");
    await videoPage.chooseAspect("16:9");
    const duration = await videoPage.chosenDuration();
    expect(duration).toBeGreaterThan(2);

    const job = await videoPage.generate();
    expect(job.input).toMatchObject({ aspectRatio: "16:9", duration: String(duration) });
    await videoPage.expectJobStatus("done", 90_000);
    await expect(videoPage.video).toBeVisible();

    const meta = await videoPage.metadata();
    expect({ width: meta.videoWidth, height: meta.videoHeight }).toEqual({ width: 768, height: 432 });
    expect(Math.abs(meta.duration - duration), `duration ${meta.duration} s`).toBeLessThanOrEqual(0.3);
    expect(await videoPage.seek(2)).toBeCloseTo(2, 1);
    await page.screenshot({ path: test.info().outputPath("video-result.png"), fullPage: true });

    const src = new URL(meta.src).pathname;
    await expect(videoPage.downloadLink).toHaveAttribute("href", src);
    const range = await page.request.get(src, { headers: { Range: "bytes=0-1023" } });
    expect(range.status()).toBe(206);
    expect(range.headers()["content-type"]).toBe("video/mp4");
    expect(range.headers()["content-range"]).toMatch(/^bytes 0-1023\/\d+$/);
    const body = await range.body();
    expect(body.length).toBe(1024);
    // An MP4 starts with an ftyp box.
    expect(body.subarray(4, 8).toString("ascii")).toBe("ftyp");
  });

  test("image-to-video: the clip starts from the uploaded frame and keeps its shape", async ({ videoPage }) => {
    await videoPage.goto();
    await videoPage.chooseMode("Image → Video");
    const upload = await videoPage.uploadStartFrame("frame-640x480.png", await makeTestPng(640, 480));
    expect(upload.status).toBe(201);
    await videoPage.prompt.fill("the camera slowly pushes in");
    const job = await videoPage.generate();
    expect(job.input).toMatchObject({ startImage: upload.body.url });
    expect(job.endpointId).toMatch(/image-to-video/);
    await videoPage.expectJobStatus("done", 90_000);

    const meta = await videoPage.metadata();
    expect({ width: meta.videoWidth, height: meta.videoHeight }).toEqual({ width: 640, height: 480 });
    expect(meta.duration).toBeGreaterThan(1);
  });

  test.describe("input checks", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("API: a duration the model does not offer answers 422 naming the allowed ones", async ({ api }) => {
      const res = await api.createJob({ task: "video", prompt: "x", duration: "7" });
      expect(res.status()).toBe(422);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("validation");
      expect(body.error.message).toMatch(/\b5\b.*\b10\b/);
      expect(body.error.fields?.duration).toMatch(/\b5\b.*\b10\b/);
    });
  });
});
