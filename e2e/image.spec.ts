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

    test("a custom size too small and too large shows both sides' errors at once, each by its field", async ({ imagePage, page }) => {
      const jobPosts = recordJobPosts(page);
      await imagePage.goto();
      await imagePage.prompt.fill("a tiny icon");
      await imagePage.customSize(10, 5000);
      await expect(imagePage.customWidth).toHaveValue("10");
      await imagePage.generateButton.click();

      // Each names its limit (the models take 64 to 2048 px a side) and is tied to its own input.
      await expect(page.locator("#image-size-width-error")).toHaveText("At least 64 px");
      await expect(page.locator("#image-size-height-error")).toHaveText("At most 2048 px");
      await expect(page.locator("#image-size-width-error")).toHaveRole("alert");
      await expect(imagePage.customWidth).toHaveAccessibleDescription("At least 64 px");
      await expect(imagePage.customHeight).toHaveAccessibleDescription("At most 2048 px");
      await expect(imagePage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("a custom side snaps to FLUX's multiple of 16 when it loses focus, and says so", async ({ imagePage, page }) => {
      await imagePage.goto();
      await imagePage.size.selectOption({ label: "Custom…" });
      await imagePage.customWidth.fill("1000");
      await page.keyboard.press("Tab");
      await expect(imagePage.customWidth).toHaveValue("1008");
      await expect(page.getByTestId("size-snapped")).toHaveText("Width 1000 px snapped to 1008 px: this model takes multiples of 16.");
      await expect(imagePage.customHeight).toBeFocused();
      await page.keyboard.press("End");
      await page.keyboard.type("0");
      await page.keyboard.press("Shift+Tab");
      // 10240 is out of range: left as typed for the range check, not snapped.
      await expect(imagePage.customHeight).toHaveValue("10240");
    });

    test("API: a custom size off the model's multiple answers 422 naming the nearest that fits", async ({ api }) => {
      const res = await api.createJob({ task: "image", prompt: "a lighthouse", imageSize: { width: 1000, height: 768 } });
      expect(res.status()).toBe(422);
      expect((await res.json()).error.fields).toEqual({ "imageSize.width": "This model takes multiples of 16 px; 1008 is the nearest" });
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
