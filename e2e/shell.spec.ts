import { expect, test } from "./fixtures";
import { expectNoHorizontalOverflow, mousePress, touchTap } from "./support/real-input";
import { makeTestPng } from "./support/media";
import type { Page } from "@playwright/test";

function menuButton(page: Page) {
  return page.getByRole("button", { name: "Menu", exact: true });
}

function tools(page: Page) {
  return page.getByRole("navigation", { name: "Tools" });
}

async function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

test.describe("the shell on phones and tablets", () => {
  test.use({ usesEngine: false, viewport: { width: 720, height: 900 } });

  test("at 720 px the Menu opens by mouse and by Enter, shows every task on screen, and closes on Esc, on choosing and on a click outside", async ({ imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, historyPage, page }) => {
    const labels = [imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, historyPage].map((p) => p.navLabel);
    await imagePage.goto();
    await expectNoHorizontalOverflow(page);
    const menu = menuButton(page);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(tools(page)).toBeHidden();

    await mousePress(page, menu);
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(tools(page).getByRole("link")).toHaveCount(labels.length);
    for (const label of labels) await expect(tools(page).getByRole("link", { name: label, exact: true })).toBeInViewport({ ratio: 1 });
    await expect(tools(page).getByRole("link", { name: "Image", exact: true })).toHaveAttribute("aria-current", "page");
    await expectNoHorizontalOverflow(page);

    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    // Keyboard only: Enter opens it, Tab walks into the list, Enter follows a link and closes it.
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expect(tools(page).getByRole("link", { name: "Image", exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(tools(page).getByRole("link", { name: "Video", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/video$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    await mousePress(page, menu);
    await expect(tools(page).getByRole("link", { name: "Video", exact: true })).toHaveAttribute("aria-current", "page");
    await mousePress(page, page.getByRole("heading", { level: 1 }));
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(tools(page)).toBeHidden();
  });

  for (const width of [320, 360, 640, 720, 768, 860, 1024, 1440]) {
    test(`at ${width} px nothing scrolls sideways and History is reachable on screen`, async ({ homePage, page }) => {
      await page.setViewportSize({ width, height: 700 });
      await homePage.goto();
      await expectNoHorizontalOverflow(page);
      if (await menuButton(page).isVisible()) await mousePress(page, menuButton(page));
      const history = tools(page).getByRole("link", { name: "History", exact: true });
      await history.scrollIntoViewIfNeeded();
      await expect(history).toBeInViewport({ ratio: 1 });
      await expectNoHorizontalOverflow(page);
    });
  }

  test.describe("with a touch screen", () => {
    test.use({ hasTouch: true });

    test("a tap opens the Menu and a tap on History goes there", async ({ homePage, historyPage, page }) => {
      await homePage.goto();
      await touchTap(page, menuButton(page));
      await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
      await touchTap(page, tools(page).getByRole("link", { name: "History", exact: true }));
      await expect(historyPage.heading).toBeVisible();
      await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
      await touchTap(page, menuButton(page));
      await expect(tools(page).getByRole("link", { name: "History", exact: true })).toHaveAttribute("aria-current", "page");
    });
  });
});

test.describe("themes", () => {
  test.use({ usesEngine: false, colorScheme: "dark" });

  test("the switch's Light, clicked with the mouse, turns the page light and stays so after a reload", async ({ imagePage, page }) => {
    await imagePage.goto();
    const dark = await bodyBackground(page);
    const light = page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "Light", exact: true });
    await mousePress(page, light);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect.poll(() => bodyBackground(page)).not.toBe(dark);
    const lightBackground = await bodyBackground(page);

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect(light).toHaveAttribute("aria-checked", "true");
    expect(await bodyBackground(page)).toBe(lightBackground);

    // Before any bundle runs: the inline head script alone applies the choice (no dark flash).
    await page.route(/\/_next\/static\/.*\.js/, (route) => route.abort());
    await page.reload({ waitUntil: "domcontentloaded" });
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });

  test("System follows the system setting as it changes; Dark overrides it", async ({ imagePage, page }) => {
    await imagePage.goto();
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-theme", "dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).toHaveAttribute("data-theme", "light");
    await mousePress(page, page.getByRole("radio", { name: "Dark", exact: true }));
    await expect(html).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await mousePress(page, page.getByRole("radio", { name: "System", exact: true }));
    await expect(html).toHaveAttribute("data-theme", "light");
  });

  test("pages outside the studio shell (not found) follow the stored choice too", async ({ imagePage, page }) => {
    await imagePage.goto();
    await mousePress(page, page.getByRole("radio", { name: "Light", exact: true }));
    await page.goto("/no-such-page");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  });
});

test.describe("keyboard and phone layout", () => {
  test.use({ usesEngine: false });

  test("Tab first reaches a visible Skip to content link; Enter moves focus to the main content", async ({ imagePage, page }) => {
    await imagePage.goto();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport({ ratio: 1 });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  });

  test("the local-engine banner folds to one line by a click and stays folded across pages and reloads", async ({ imagePage, page }) => {
    await imagePage.goto();
    const banner = page.getByTestId("local-engine-banner");
    const details = banner.getByText(/run on this server/);
    await expect(details).toBeVisible();
    await mousePress(page, banner.locator("summary"));
    await expect(details).toBeHidden();
    await page.goto("/video");
    await expect(banner.locator("summary")).toBeVisible();
    await expect(details).toBeHidden();
    await mousePress(page, banner.locator("summary"));
    await expect(details).toBeVisible();
    await page.reload();
    await expect(details).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("History shows two cards per row", async ({ historyPage, api }) => {
    for (const prompt of ["left card", "right card"]) await api.startJob({ task: "image", prompt, imageSize: "square" });
    await historyPage.goto();
    const [first, second] = [historyPage.cards.nth(0), historyPage.cards.nth(1)];
    await expect(second).toBeVisible();
    const [a, b] = [(await first.boundingBox())!, (await second.boundingBox())!];
    expect(Math.abs(a.y - b.y), "the first two cards share a row").toBeLessThan(1);
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
  });

  test("the inpaint canvas sits above the Inpaint button once an image is up", async ({ inpaintPage }) => {
    await inpaintPage.goto();
    await inpaintPage.upload("phone.png", await makeTestPng(320, 240));
    await expect(inpaintPage.maskCanvas).toBeVisible();
    const canvas = (await inpaintPage.maskCanvas.boundingBox())!;
    const button = (await inpaintPage.inpaintButton.boundingBox())!;
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(button.y);
  });
});

test.describe("the icon sprite", () => {
  test.use({ usesEngine: false });

  test("is drawn from a content-hashed file the browser keeps for a year, so no page asks for it again", async ({ imagePage, page }) => {
    const sprites: { url: string; cacheControl: string | undefined; status: number }[] = [];
    page.on("response", (res) => {
      if (/icons[^/]*\.svg/.test(new URL(res.url()).pathname)) sprites.push({ url: new URL(res.url()).pathname, cacheControl: res.headers()["cache-control"], status: res.status() });
    });
    await imagePage.goto();
    const icon = page.getByRole("navigation", { name: "Tools" }).locator("svg use").first();
    await expect(icon).toHaveAttribute("href", /^\/_next\/static\/media\/icons\.[\w-]+\.svg#image$/);
    // Drawn: the symbol's rectangle gives the icon a box of its own.
    expect(await icon.evaluate((use) => (use as SVGUseElement).getBBox().width)).toBeGreaterThan(10);
    await expect.poll(() => sprites.length).toBeGreaterThan(0);
    expect(sprites[0]).toMatchObject({ status: 200, cacheControl: expect.stringMatching(/max-age=31536000.*immutable/) });
  });
});
