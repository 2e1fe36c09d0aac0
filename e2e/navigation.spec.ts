import { expect, test } from "./fixtures";
import type { StudioPage } from "./pages/studio-page";

// Pages only, no jobs: these tests need not wait while jobs.spec.ts has the engine to itself.
test.use({ usesEngine: false });

test.describe("Navigation", () => {
  test("every nav link leads to its page, with an h1, the engine badge and no errors", async ({ homePage, imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, historyPage, page }, testInfo) => {
    const problems: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
    page.on("requestfailed", (req) => {
      const failure = req.failure()?.errorText ?? "";
      // Media elements abort their own range requests when they have enough data.
      if (!failure.includes("ERR_ABORTED")) problems.push(`request failed on ${page.url()}: ${req.url()} ${failure}`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()} on ${page.url()}`);
    });

    const tools: StudioPage[] = [imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, historyPage];
    await homePage.goto();
    await expect(page).toHaveTitle("Studio");
    await expect(homePage.engineBadge).toHaveText(/Local engine/);
    await expect(homePage.nav.getByRole("link")).toHaveCount(tools.length);
    await page.screenshot({ path: testInfo.outputPath("home.png"), fullPage: true });

    for (const tool of tools) {
      await tool.navLink(tool.navLabel).click();
      await expect(page).toHaveURL(new RegExp(`${tool.path}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expect(tool.heading).toBeVisible();
      await expect(page).toHaveTitle(`${tool.navLabel} · Studio`);
      await expect(tool.navLink(tool.navLabel)).toHaveAttribute("aria-current", "page");
      for (const other of tools.filter((t) => t !== tool)) {
        await expect(tool.navLink(other.navLabel)).not.toHaveAttribute("aria-current", "page");
      }
      await expect(tool.engineBadge).toHaveText(/Local engine/);
      await tool.waitForHydration();
      await page.screenshot({ path: testInfo.outputPath(`${tool.navLabel.toLowerCase()}.png`), fullPage: true });
    }

    // Each page also works when opened directly (server render, not only client navigation).
    for (const tool of [homePage, ...tools]) {
      await tool.goto();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expect(tool.engineBadge).toHaveText(/Local engine/);
    }

    expect(problems).toEqual([]);
  });

  test("the home page cards lead to every tool, and the logo leads back", async ({ homePage, imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, page }) => {
    await homePage.goto();
    for (const tool of [imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage]) {
      await page.getByRole("main").getByRole("link", { name: new RegExp(`^${tool.navLabel}\\b`) }).click();
      await expect(tool.heading).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`${tool.path}$`));
      await page.getByRole("link", { name: "Studio", exact: true }).click();
      await expect(homePage.heading).toBeVisible();
      await expect(page).toHaveURL(/\/$/);
    }
  });
});
