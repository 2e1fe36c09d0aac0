import { expect, test } from "./fixtures";
import { naturalSize } from "./pages/studio-page";
import type { ErrorBody } from "./support/api";
import { imageSize, makeTestPng } from "./support/media";
import { recordJobPosts } from "./support/job-posts";

test.describe("Image", () => {
  test("text-to-image: two seeded images at the chosen size, downloadable and reproducible", async ({ imagePage, api, page }) => {
    const prompt = "a lighthouse on a basalt cliff at dawn";
    await imagePage.goto();
    await imagePage.prompt.fill(prompt);
    await imagePage.chooseSize("Square · 512×512");
    await imagePage.chooseCount(2);
    await imagePage.setSeed(1234);

    const job = await imagePage.generate();
    expect(job.status).toBe("queued");
    await imagePage.expectJobStatus("done");

    await expect(imagePage.resultImages).toHaveCount(2);
    for (const img of await imagePage.resultImages.all()) {
      expect(await naturalSize(img)).toEqual({ width: 512, height: 512 });
    }
    await expect(imagePage.usedSeed).toHaveText("1234");
    await page.screenshot({ path: test.info().outputPath("image-results.png"), fullPage: true });

    const urls: string[] = [];
    for (const i of [0, 1]) {
      const link = imagePage.downloadLink(i);
      await expect(link).toHaveAttribute("download", /\.png$/);
      const href = await link.getAttribute("href");
      expect(href).toBe(await imagePage.resultImages.nth(i).getAttribute("src"));
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
      expect(await imageSize(await res.body())).toMatchObject({ width: 512, height: 512, format: "png" });
      urls.push(href!);
    }
    // Two images of one job are two different pictures.
    expect(urls[0]).not.toBe(urls[1]);

    // The same prompt and seed again, from the same form: byte-identical images.
    const again = await imagePage.generate();
    expect(again.id).not.toBe(job.id);
    const rerun = await api.waitForStatus(again.id, "done");
    expect(rerun.seed).toBe(1234);
    expect(rerun.outputs).toHaveLength(2);
    const [first, second] = await Promise.all([api.bytes(urls[0]!), api.bytes(rerun.outputs[0]!.url)]);
    expect(first.length).toBeGreaterThan(0);
    expect(second.equals(first)).toBe(true);

    // …and a different seed really changes the picture (so the check above can fail).
    const other = await api.startJob({ task: "image", prompt, imageSize: "square", seed: 4321, numImages: 1 });
    const otherDone = await api.waitForStatus(other.id, "done");
    expect((await api.bytes(otherDone.outputs[0]!.url)).equals(first)).toBe(false);
  });

  test("a result is shared from the generator page (the link opens for a stranger) and opens its job page", async ({ imagePage, page, browser }) => {
    await imagePage.goto();
    await imagePage.prompt.fill("a paper boat on a puddle");
    await imagePage.chooseSize("Square · 512×512");
    await imagePage.setSeed(77);
    const job = await imagePage.generate();
    await imagePage.expectJobStatus("done");
    await expect(imagePage.downloadLink(0)).toHaveAttribute("download", "a-paper-boat-on-a-puddle-seed77-1.png");

    const actions = page.getByTestId("result-actions");
    await actions.getByRole("button", { name: "Share" }).click();
    const link = page.getByTestId("result-share-link");
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}$/);
    const shareUrl = await link.inputValue();

    // A fresh browser context: no cookies, no history, nothing of this session.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const res = await strangerPage.goto(shareUrl);
    expect(res?.status()).toBe(200);
    await expect(strangerPage.getByRole("img", { name: /paper boat/ }).first()).toBeVisible();
    await stranger.close();

    await actions.getByRole("link", { name: "Open job" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    await expect(page.getByTestId("job-page")).toHaveAttribute("data-job-id", job.id);
  });

  test("image-to-image: the result keeps the uploaded image's size", async ({ imagePage }) => {
    const source = await makeTestPng(640, 360);
    await imagePage.goto();
    await imagePage.chooseMode("Image → Image");
    const upload = await imagePage.uploadSource("source-640x360.png", source);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: 640, height: 360 });

    await imagePage.prompt.fill("the same scene as a watercolour");
    const job = await imagePage.generate();
    expect(job.input).toMatchObject({ sourceImage: upload.body.url });
    await imagePage.expectJobStatus("done");
    await expect(imagePage.resultImages).toHaveCount(1);
    expect(await naturalSize(imagePage.resultImages.first())).toEqual({ width: 640, height: 360 });
  });

  test.describe("input checks", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("an empty prompt is refused at the field and starts no job", async ({ imagePage, page }) => {
      const jobPosts = recordJobPosts(page);
      await imagePage.goto();
      await imagePage.generateButton.click();

      const alert = imagePage.form("Image settings").getByRole("alert").filter({ hasText: "Describe what you want" });
      await expect(alert).toBeVisible();
      await expect(imagePage.prompt).toHaveAttribute("aria-invalid", "true");
      // The message is tied to the field for screen readers, not just placed near it.
      await expect(imagePage.prompt).toHaveAccessibleDescription(/Describe what you want/);
      await expect(imagePage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("a custom size of 10 px is rejected with a visible message", async ({ imagePage, page }) => {
      const jobPosts = recordJobPosts(page);
      await imagePage.goto();
      await imagePage.prompt.fill("a tiny icon");
      await imagePage.customSize(10, 10);
      await expect(imagePage.customWidth).toHaveValue("10");
      await imagePage.generateButton.click();

      const sizeError = page.locator("#image-size-error");
      await expect(sizeError).toBeVisible();
      await expect(sizeError).toHaveRole("alert");
      // It names the limit (the smallest side the models take is 64 px).
      await expect(sizeError).toContainText("64");
      await expect(imagePage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("API: an empty prompt answers 422 with a field error", async ({ api }) => {
      const res = await api.createJob({ task: "image", prompt: "" });
      expect(res.status()).toBe(422);
      expect(res.headers()["content-type"]).toContain("application/json");
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("validation");
      expect(body.error.message).toEqual(expect.any(String));
      expect(body.error.fields?.prompt).toEqual(expect.stringMatching(/\S/));
    });
  });
});
