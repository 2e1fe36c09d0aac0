import sharp from "sharp";
import { expect, test } from "./fixtures";

/**
 * History and share links: a job made on a page is a record that survives a reload, opens on its
 * own page, and can be shared by a public link that shows only that job, with a 1200×630 preview
 * card for chat apps; unsharing takes the link (and its card) down.
 */
test("a generated image is in History after a reload, and its share link works for anyone until unshared", async ({ imagePage, historyPage, jobPage, page, browser, baseURL }) => {
  const prompt = `a paper boat on a puddle ${Date.now()}`;
  await imagePage.goto();
  await imagePage.prompt.fill(prompt);
  const job = await imagePage.generate();
  await imagePage.expectJobStatus("done");

  await historyPage.goto();
  await page.reload();
  const card = historyPage.card(prompt);
  await expect(card).toHaveCount(1);
  // The thumbnail is the stored output, and it loads.
  const thumb = card.locator("img");
  await expect(thumb).toHaveAttribute("src", /^\/api\/media\/[a-f0-9]{64}\.png$/);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await historyPage.search.fill(prompt.split(" ").slice(-1)[0]!);
  await expect(historyPage.cards).toHaveCount(1);
  await expect(page).toHaveURL(/[?&]q=/);

  await card.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("paper boat");

  await jobPage.shareButton.click();
  const shareUrl = await jobPage.publicLink.inputValue();
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{24}$/);

  // A stranger: a fresh context with no cookies and no history of this studio.
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    const res = await other.goto(shareUrl);
    expect(res?.status()).toBe(200);
    await expect(other.getByRole("heading", { level: 1 })).toContainText("paper boat");
    const image = other.getByRole("img").first();
    await expect(image).toHaveJSProperty("complete", true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // Only this job: none of the studio's navigation or other pages.
    await expect(other.getByRole("navigation", { name: "Tools" })).toHaveCount(0);
    const links = await other.getByRole("link").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links.filter((p) => /^\/(history|jobs|image|inpaint|video|transcribe|background|speech|control|prompts|text)\b/.test(p))).toEqual([]);
    expect(links.filter((p) => /^\/(history|jobs|image|inpaint|video|transcribe|background|prompts|text)\b/.test(p))).toEqual([]);

    const ogImage = await other.locator('meta[property="og:image"]').getAttribute("content");
    expect(ogImage).toBeTruthy();
    expect(await other.locator('meta[name="twitter:card"]').getAttribute("content")).toBe("summary_large_image");
    const card = await other.request.get(ogImage!.replace(/^https?:\/\/[^/]+/, baseURL!));
    expect(card.status()).toBe(200);
    expect(card.headers()["content-type"]).toBe("image/png");
    expect(await sharp(await card.body()).metadata()).toMatchObject({ width: 1200, height: 630, format: "png" });

    await jobPage.unshareButton.click();
    await jobPage.confirm("Unshare").click();
    await expect(jobPage.shareButton).toBeVisible();
    expect((await other.request.get(shareUrl)).status()).toBe(404);
    await other.goto(shareUrl);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("This link is no longer shared");
    expect((await other.request.get(ogImage!.replace(/^https?:\/\/[^/]+/, baseURL!))).status()).toBe(404);
  } finally {
    await stranger.close();
  }
});

test("deleting a job asks first, removes it from History, and a second delete is not found", async ({ api, historyPage, jobPage, page }) => {
  const { id } = await api.startJob({ task: "image", prompt: `delete me ${Date.now()}`, imageSize: "square" });
  await api.waitForStatus(id, "done");
  await page.goto("/history");
  await expect(historyPage.cardOf(id)).toHaveCount(1);

  await page.goto(`/jobs/${id}`);
  await jobPage.deleteButton.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await jobPage.confirm("Delete").click();
  await expect(page).toHaveURL(/\/history$/);
  await expect(historyPage.cardOf(id)).toHaveCount(0);
  expect((await page.request.get(`/api/jobs/${id}`)).status()).toBe(404);
  expect((await page.request.delete(`/api/jobs/${id}`)).status()).toBe(404);

  // Its page says the job is gone, not that a link stopped being shared.
  expect((await page.goto(`/jobs/${id}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such job");
  await expect(page.getByTestId("not-found")).toContainText("does not exist, or it was deleted");
  await expect(page.getByTestId("not-found")).not.toContainText("shared");
});

// The card's actions and the job page's are one hook (hooks/use-job-actions.ts); each surface keeps its own looks.
test("a History card's Re-run is busy until the new job's page opens; its Delete asks with the job's title and takes the card away", async ({ api, historyPage, page }) => {
  const prompt = `card actions ${Date.now()}`;
  const { id } = await api.startJob({ task: "image", prompt, imageSize: "square", seed: 7 });
  await api.waitForStatus(id, "done");
  await historyPage.goto();
  const card = historyPage.cardOf(id);

  // The re-run's answer is held back so the busy button can be seen.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/jobs/${id}/rerun`, async (route) => {
    await held;
    await route.continue();
  });
  const rerun = card.getByRole("button", { name: "Re-run" });
  await rerun.click();
  await expect(rerun).toHaveAttribute("aria-busy", "true");
  await expect(card.getByRole("button", { name: "Delete" })).toBeDisabled();
  release();
  await expect(page).toHaveURL(new RegExp(`/jobs/(?!${id})[0-9a-f-]+$`));
  const again = await api.waitForStatus(page.url().split("/jobs/")[1]!, "done");
  expect(again.input).toMatchObject({ task: "image", prompt, seed: 7 });

  await historyPage.goto();
  await card.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(prompt);
  await expect(dialog).toContainText("It is removed with its files.");
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(card).toHaveCount(0);
  await expect(historyPage.cardOf(again.id)).toHaveCount(1);
  await expect(page).toHaveURL(/\/history$/);
  expect((await page.request.get(`/api/jobs/${id}`)).status()).toBe(404);
});

test("a Re-run that fails says why, on the card and on the job page, and can be tried again", async ({ api, historyPage, jobPage, page }) => {
  const [onCard, onPage] = await Promise.all([1, 2].map((n) => api.startJob({ task: "image", prompt: `rerun fails ${n} ${Date.now()}`, imageSize: "square" })));
  await Promise.all([api.waitForStatus(onCard!.id, "done"), api.waitForStatus(onPage!.id, "done")]);

  // Each job is deleted behind the open page's back: its Re-run then meets "No such job."
  await historyPage.goto();
  const card = historyPage.cardOf(onCard!.id);
  expect((await page.request.delete(`/api/jobs/${onCard!.id}`)).status()).toBe(204);
  const cardRerun = card.getByRole("button", { name: "Re-run" });
  await cardRerun.click();
  await expect(card.getByRole("alert")).toHaveText("No such job.");
  await expect(cardRerun).toBeEnabled();
  await expect(cardRerun).not.toHaveAttribute("aria-busy");
  await expect(page).toHaveURL(/\/history$/);

  await page.goto(`/jobs/${onPage!.id}`);
  expect((await page.request.delete(`/api/jobs/${onPage!.id}`)).status()).toBe(204);
  const pageRerun = page.getByRole("group", { name: "Job actions" }).getByRole("button", { name: "Re-run" });
  await pageRerun.click();
  await expect(page.getByRole("alert").filter({ hasText: "No such job." })).toBeVisible();
  await expect(pageRerun).toBeEnabled();
  await expect(pageRerun).not.toHaveAttribute("aria-busy");
  await expect(jobPage.deleteButton).toBeEnabled();
  await expect(page).toHaveURL(new RegExp(`/jobs/${onPage!.id}$`));
});

test.describe("not found, never a crash", () => {
  test.use({ usesEngine: false });

  const says = (path: string) => (path.startsWith("/jobs/") ? "No such job" : path.startsWith("/s/") ? "This link is no longer shared" : "Nothing here");
  for (const path of ["/jobs/not-a-job", "/jobs/00000000-0000-4000-8000-000000000000", "/s/short", "/s/AAAAAAAAAAAAAAAAAAAAAAAA", "/no-such-page"]) {
    test(`${path} says what is missing: ${says(path)}`, async ({ page }) => {
      expect((await page.goto(path))?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(says(path));
    });
  }

  for (const path of ["/jobs/not-a-job", "/jobs/00000000-0000-4000-8000-000000000000", "/s/short", "/s/AAAAAAAAAAAAAAAAAAAAAAAA", "/s/AAAAAAAAAAAAAAAAAAAAAAAA/opengraph-image"]) {
    test(`${path} answers 404`, async ({ page }) => {
      expect((await page.request.get(path)).status()).toBe(404);
    });
  }

  test("unknown media answers 404", async ({ page }) => {
    expect((await page.request.get(`/api/media/${"0".repeat(64)}.png`)).status()).toBe(404);
  });
});
