import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Pages only: no job runs.
test.use({ usesEngine: false });

/** Console errors a page logs, e.g. React's hydration mismatch. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test.describe("the Ctrl/⌘ + Enter hint", () => {
  test("reads Ctrl + Enter on Linux, on every page that has it, without a hydration mismatch", async ({ imagePage, speechPage, textPage, page }) => {
    const errors = consoleErrors(page);
    await imagePage.goto();
    await expect(page.locator("#prompt-hint")).toHaveText("Ctrl + Enter to generate");
    await expect(imagePage.prompt).toHaveAccessibleDescription("Ctrl + Enter to generate");
    await speechPage.goto();
    await expect(speechPage.count).toContainText("· Ctrl + Enter to speak");
    await textPage.goto();
    await expect(page.locator("#text-prompt-hint")).toHaveText("Ctrl + Enter sends");
    expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
  });

  test.describe("on a Mac", () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, "platform", { get: () => "MacIntel" });
        Object.defineProperty(Navigator.prototype, "userAgentData", { get: () => ({ platform: "macOS" }) });
      });
    });

    test("reads ⌘ + Enter", async ({ imagePage, inpaintPage, page }) => {
      const errors = consoleErrors(page);
      await imagePage.goto();
      await expect(page.locator("#prompt-hint")).toHaveText("⌘ + Enter to generate");
      expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
      await inpaintPage.goto();
      await expect(page.locator("#prompt-hint")).toHaveText("⌘ + Enter to generate");
    });
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test("shows no keyboard shortcut at all", async ({ speechPage, page }) => {
      await speechPage.goto();
      expect(await page.evaluate(() => matchMedia("(any-pointer: fine)").matches), "the emulated phone has no fine pointer").toBe(false);
      // The counter follows typing only once React has hydrated, when the hint would have appeared.
      await speechPage.text.fill("Hi");
      await expect(speechPage.count).toHaveText("2 / 5,000 characters");
    });
  });
});
