import sharp from "sharp";
import { expect, test } from "./fixtures";
import { naturalSize, radio } from "./pages/studio-page";
import { recordJobPosts } from "./support/job-posts";

const W = 480;
const H = 360;
const BACKDROP = { r: 232, g: 228, b: 220 };
// The subject: an orange disc with a navy bar across it, well inside the frame.
const DISC = { cx: 240, cy: 180, r: 110 };
const SUBJECT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <circle cx="${DISC.cx}" cy="${DISC.cy}" r="${DISC.r}" fill="#e8731c"/>
  <rect x="${DISC.cx - 80}" y="${DISC.cy - 15}" width="160" height="30" fill="#1d2a5c"/>
</svg>`;

/** A coloured shape on a flat colour, made with sharp (no binary fixtures in the repo). */
const subjectOnFlat = () =>
  sharp({ create: { width: W, height: H, channels: 3, background: BACKDROP } }).composite([{ input: Buffer.from(SUBJECT_SVG) }]).png().toBuffer();
const flat = () => sharp({ create: { width: W, height: H, channels: 3, background: BACKDROP } }).png().toBuffer();

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)) };
}

const CORNERS = [[3, 3], [W - 4, 3], [3, H - 4], [W - 4, H - 4]] as const;
// Inside the disc, on the orange and on the bar, far from any edge.
const CENTRE = [[DISC.cx, DISC.cy], [DISC.cx, DISC.cy - 60], [DISC.cx - 60, DISC.cy + 50]] as const;

test.describe("Background", () => {
  test("remove: the subject kept pixel for pixel, the backdrop transparent, shown beside the original", async ({ backgroundPage, api, page }) => {
    const original = await subjectOnFlat();
    await backgroundPage.goto();
    const upload = await backgroundPage.upload("disc-on-flat.png", original);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: W, height: H });
    await backgroundPage.chooseMode("Replace");
    await backgroundPage.chooseMode("Remove");
    // Removal takes no prompt: the field is not offered.
    await expect(backgroundPage.prompt).toHaveCount(0);

    const job = await backgroundPage.generate();
    expect(job.input).toMatchObject({ task: "background", mode: "remove", image: upload.body.url });
    expect(job.endpointId).toBe("fal-ai/birefnet/v2");
    await backgroundPage.expectJobStatus("done");
    await expect(backgroundPage.original).toBeVisible();
    await expect(backgroundPage.resultImages).toHaveCount(1);
    expect(await naturalSize(backgroundPage.resultImages.first())).toEqual({ width: W, height: H });
    await expect(backgroundPage.downloadLink(0)).toHaveAttribute("download", "cutout-1.png");
    await page.screenshot({ path: test.info().outputPath("background-remove.png"), fullPage: true });

    const url = await backgroundPage.resultImages.first().getAttribute("src");
    const res = await page.request.get(url!);
    expect(res.headers()["content-type"]).toBe("image/png");
    const [cut, source] = await Promise.all([pixels(await res.body()), pixels(original)]);
    for (const [x, y] of CORNERS) expect(cut.at(x, y)[3], `corner ${x},${y}`).toBe(0);
    for (const [x, y] of CENTRE) expect(cut.at(x, y), `centre ${x},${y}`).toEqual(source.at(x, y));
    expect(source.at(DISC.cx, DISC.cy)).not.toEqual(source.at(DISC.cx, DISC.cy - 60)); // two colours, so both are checked
    expect((await api.job(job.id)).seed).toBeNull();
  });

  test("replace: a prompt paints an opaque new background behind the untouched subject", async ({ backgroundPage, page }) => {
    const original = await subjectOnFlat();
    await backgroundPage.goto();
    await backgroundPage.upload("disc.png", original);
    await backgroundPage.chooseMode("Replace");
    await backgroundPage.typePrompt("a pebble beach at dusk");
    await backgroundPage.setSeed(77);
    const job = await backgroundPage.generate();
    expect(job.input).toMatchObject({ mode: "replace", prompt: "a pebble beach at dusk", seed: 77 });
    expect(job.endpointId).toBe("fal-ai/bria/background/replace");
    await backgroundPage.expectJobStatus("done");
    await expect(backgroundPage.resultImages).toHaveCount(1);
    await expect(backgroundPage.downloadLink(0)).toHaveAttribute("download", "a-pebble-beach-at-dusk-seed77-1.png");
    await page.screenshot({ path: test.info().outputPath("background-replace.png"), fullPage: true });

    const url = await backgroundPage.resultImages.first().getAttribute("src");
    const [out, source] = await Promise.all([pixels(await (await page.request.get(url!)).body()), pixels(original)]);
    expect([out.width, out.height]).toEqual([W, H]);
    for (const [x, y] of CORNERS) {
      expect(out.at(x, y)[3], `corner ${x},${y}`).toBe(255);
      expect(out.at(x, y), `corner ${x},${y} repainted`).not.toEqual(source.at(x, y));
    }
    for (const [x, y] of CENTRE) expect(out.at(x, y), `centre ${x},${y}`).toEqual(source.at(x, y));
  });

  test("a flat picture has no subject: the job fails and says so", async ({ backgroundPage }) => {
    await backgroundPage.goto();
    await backgroundPage.upload("flat.png", await flat());
    await backgroundPage.generate();
    await backgroundPage.expectJobStatus("failed");
    await expect(backgroundPage.failureReason).toContainText("No subject found");
    await expect(backgroundPage.result).toHaveCount(0);
  });

  test("the job is in History under Background; its page compares, Re-run makes the same cut-out, the share page shows the result", async ({ backgroundPage, historyPage, jobPage, api, page, browser }) => {
    await backgroundPage.goto();
    await backgroundPage.upload("disc.png", await subjectOnFlat());
    const job = await backgroundPage.generate();
    const done = await api.waitForStatus(job.id, "done");

    await historyPage.goto();
    await radio(page, "Task", "Background").click();
    await expect(page).toHaveURL(/[?&]task=background\b/);
    const card = page.locator(`[data-job-card="${job.id}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText("Background removed");
    // Only background jobs under this filter.
    await expect(historyPage.cards.and(page.locator(":not([data-task=background])"))).toHaveCount(0);
    const thumb = card.locator("img");
    await expect(thumb).toHaveAttribute("src", done.outputs[0]!.url);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    await card.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    await expect(page.getByTestId("background-result").getByRole("img", { name: "Original image" })).toBeVisible();

    await page.getByRole("group", { name: "Job actions" }).getByRole("button", { name: "Re-run" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/jobs/${job.id}$`));
    const rerunId = page.url().split("/jobs/")[1]!;
    const rerun = await api.waitForStatus(rerunId, "done");
    expect(rerun.input).toMatchObject({ task: "background", mode: "remove", image: (job.input as { image: string }).image });
    // The same picture cuts out the same way, byte for byte.
    expect((await api.bytes(rerun.outputs[0]!.url)).equals(await api.bytes(done.outputs[0]!.url))).toBe(true);
    await expect(page.getByTestId("background-result").getByTestId("result-image")).toHaveAttribute("src", rerun.outputs[0]!.url);

    await jobPage.shareButton.click();
    const shareUrl = await jobPage.publicLink.inputValue();
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      expect((await other.goto(shareUrl))?.status()).toBe(200);
      const shown = other.getByRole("img", { name: /^Result 1/ });
      await expect(shown).toHaveAttribute("src", rerun.outputs[0]!.url);
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(W);
      await expect(other.getByRole("img", { name: "Original image" })).toHaveCount(0);
    } finally {
      await stranger.close();
    }
  });

  test.describe("input checks", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("replace without a prompt is refused at the field and starts no job", async ({ backgroundPage, page }) => {
      const jobPosts = recordJobPosts(page);
      await backgroundPage.goto();
      await backgroundPage.generateButton.click();
      await expect(backgroundPage.form("Background settings").getByRole("alert").filter({ hasText: "Upload the image to work on" })).toBeVisible();

      await backgroundPage.upload("disc.png", await subjectOnFlat());
      await backgroundPage.chooseMode("Replace");
      await backgroundPage.prompt.click();
      await page.keyboard.type("   ");
      await backgroundPage.generateButton.click();
      await expect(backgroundPage.form("Background settings").getByRole("alert").filter({ hasText: "Describe the new background" })).toBeVisible();
      await expect(backgroundPage.prompt).toHaveAttribute("aria-invalid", "true");
      await expect(backgroundPage.prompt).toHaveAccessibleDescription(/Describe the new background/);
      await expect(backgroundPage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("API: replace without a prompt answers 422 naming the prompt", async ({ api }) => {
      const res = await api.createJob({ task: "background", mode: "replace", image: `/api/media/${"0".repeat(64)}.png` });
      expect(res.status()).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "validation", fields: { prompt: "Describe the new background" } } });
    });
  });
});
