import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Input as a person gives it, through the browser's own event pipeline (CDP), not a script's
 * element.click(): some bugs (a button re-rendered between press and release) only show this way.
 */

/** Moves the mouse onto the middle of the element, presses and releases the left button. */
export async function mousePress(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, "the element has a box on screen").not.toBeNull();
  await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await page.mouse.down();
  await page.mouse.up();
}

/** Presses Tab (at most `limit` times) until the element has focus, as a keyboard user reaches it. */
export async function tabTo(page: Page, target: Locator, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `reached by Tab within ${limit} presses`).toBeFocused();
}
