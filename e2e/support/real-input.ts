import { expect, type Locator, type Page } from "@playwright/test";

async function centre(target: Locator): Promise<{ x: number; y: number }> {
  await expect(target).toBeInViewport();
  const box = (await target.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real mouse click at the middle of `target` (which must be on screen). */
export async function mouseClick(page: Page, target: Locator): Promise<void> {
  const { x, y } = await centre(target);
  await page.mouse.click(x, y);
}

/** A real touch tap at the middle of `target` (the context needs hasTouch). */
export async function touchTap(page: Page, target: Locator): Promise<void> {
  const { x, y } = await centre(target);
  await page.touchscreen.tap(x, y);
}

/** Fails if the page scrolls sideways, i.e. something is wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page width ${scrollWidth} px in a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth);
}
