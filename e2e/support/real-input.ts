import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Input as a person gives it, through the browser's own event pipeline (CDP), not a script's
 * element.click(): some bugs (a button re-rendered between press and release) only show this way.
 */

async function centre(target: Locator): Promise<{ x: number; y: number }> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, "the element has a box on screen").not.toBeNull();
  return { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 };
}

/** Moves the mouse onto the middle of the element, presses and releases the left button. */
export async function mousePress(page: Page, target: Locator): Promise<void> {
  const { x, y } = await centre(target);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
}

/** A real touch tap at the middle of `target` (the context needs hasTouch). */
export async function touchTap(page: Page, target: Locator): Promise<void> {
  const { x, y } = await centre(target);
  await page.touchscreen.tap(x, y);
}

/** Presses Tab (at most `limit` times) until the element has focus, as a keyboard user reaches it. */
export async function tabTo(page: Page, target: Locator, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached by Tab within ${limit} presses`).toBeFocused();
}

/** Fails if the page scrolls sideways, i.e. something is wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page width ${scrollWidth} px in a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth);
}
