import { expect, test } from "./fixtures";
import { naturalSize } from "./pages/studio-page";
import { countChangedPixels, decodeRgb, makeTestPng, NOT_AN_IMAGE, type Rect } from "./support/media";
import { recordJobPosts } from "./support/job-posts";

const W = 640;
const H = 480;

test.describe("Inpaint", () => {
  test("a painted stroke changes only the pixels under it", async ({ inpaintPage, api, page }) => {
    const original = await makeTestPng(W, H);
    await inpaintPage.goto();
    const upload = await inpaintPage.upload("card-640x480.png", original);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: W, height: H });
    await inpaintPage.expectEditorReady();

    // Across the middle, from 15 % to 85 % of the width.
    await inpaintPage.paintStroke({ x: 0.15, y: 0.5 }, { x: 0.85, y: 0.5 });
    await expect(page.getByText("Violet = change · the rest is kept")).toBeVisible();
    await expect(inpaintPage.undo).toHaveAttribute("aria-disabled", "false");
    expect(await inpaintPage.paintedOverlayPixels()).toBeGreaterThan(0);
    const { brush } = await inpaintPage.canvasGeometry();
    expect(brush).toBeGreaterThan(4);

    await inpaintPage.prompt.fill("a bouquet of wild flowers");
    const job = await inpaintPage.inpaint();
    expect(job.input).toMatchObject({ task: "inpaint", image: upload.body.url });
    expect((job.input as { mask: string }).mask).not.toBe(upload.body.url);
    await inpaintPage.expectJobStatus("done");
    await expect(inpaintPage.compare).toBeVisible();
    await expect(inpaintPage.compare.getByRole("img", { name: "Original image" })).toBeVisible();
    // The before/after divider follows a mouse drag, then the keyboard.
    const divider = inpaintPage.compare.getByRole("slider", { name: "Before and after divider" });
    await expect(divider).toHaveAttribute("aria-valuenow", "50");
    const slider = inpaintPage.compare.getByTestId("compare-slider");
    await slider.scrollIntoViewIfNeeded();
    const frame = (await slider.boundingBox())!;
    await page.mouse.move(frame.x + frame.width * 0.5, frame.y + frame.height / 2);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width * 0.2, frame.y + frame.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Number(await divider.getAttribute("aria-valuenow"))).toBeCloseTo(20, -1);
    await page.keyboard.press("End");
    await expect(divider).toHaveAttribute("aria-valuenow", "100");
    await page.keyboard.press("ArrowLeft");
    await expect(divider).toHaveAttribute("aria-valuenow", "95");
    expect(await naturalSize(inpaintPage.resultImage)).toEqual({ width: W, height: H });
    await page.screenshot({ path: test.info().outputPath("inpaint-result.png"), fullPage: true });

    const resultUrl = await inpaintPage.resultImage.getAttribute("src");
    const [storedOriginal, result] = await Promise.all([api.bytes(upload.body.url!), api.bytes(resultUrl!)]);
    expect(storedOriginal.equals(original)).toBe(true);
    const a = await decodeRgb(storedOriginal);
    const b = await decodeRgb(result);
    expect({ width: b.width, height: b.height }).toEqual({ width: W, height: H });

    const unchanged = (name: string, rect: Rect) => {
      const { changed, total } = countChangedPixels(a, b, rect);
      expect(total, name).toBeGreaterThan(0);
      expect(changed, `${name}: ${changed} of ${total} pixels changed`).toBe(0);
    };
    unchanged("top-left corner", { x0: 0, y0: 0, x1: 40, y1: 40 });
    unchanged("top-right corner", { x0: W - 40, y0: 0, x1: W, y1: 40 });
    unchanged("bottom-left corner", { x0: 0, y0: H - 40, x1: 40, y1: H });
    unchanged("bottom-right corner", { x0: W - 40, y0: H - 40, x1: W, y1: H });
    unchanged("top 30 % of rows", { x0: 0, y0: 0, x1: W, y1: Math.floor(H * 0.3) });
    unchanged("bottom 30 % of rows", { x0: 0, y0: Math.ceil(H * 0.7), x1: W, y1: H });
    // Left and right of the stroke's ends, in the stroke's own rows.
    unchanged("left of the stroke", { x0: 0, y0: H * 0.4, x1: Math.floor(W * 0.15 - brush), y1: H * 0.6 });
    unchanged("right of the stroke", { x0: Math.ceil(W * 0.85 + brush), y0: H * 0.4, x1: W, y1: H * 0.6 });

    // The stroke's core: nearly every pixel is repainted.
    const core = countChangedPixels(a, b, { x0: Math.ceil(W * 0.2), y0: H / 2 - 3, x1: Math.floor(W * 0.8), y1: H / 2 + 3 });
    expect(core.changed / core.total, `${core.changed} of ${core.total} stroke pixels changed`).toBeGreaterThan(0.9);
  });

  test.describe("mask editor and uploads", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("undo and clear leave an empty mask, which Inpaint refuses", async ({ inpaintPage, page }) => {
      const jobPosts = recordJobPosts(page);
      await inpaintPage.goto();
      await inpaintPage.upload("card.png", await makeTestPng(W, H));
      await inpaintPage.expectEditorReady();
      await inpaintPage.prompt.fill("a red kite in the sky");
      await expect(inpaintPage.undo).toHaveAttribute("aria-disabled", "true");
      await expect(inpaintPage.clearMask).toHaveAttribute("aria-disabled", "true");

      await inpaintPage.paintStroke({ x: 0.2, y: 0.3 }, { x: 0.8, y: 0.7 });
      await expect(inpaintPage.undo).toHaveAttribute("aria-disabled", "false");
      expect(await inpaintPage.paintedOverlayPixels()).toBeGreaterThan(0);

      // Undo: the stroke is gone, on screen and in the mask the form would send.
      await inpaintPage.undo.click();
      await expect(inpaintPage.undo).toHaveAttribute("aria-disabled", "true");
      await expect(inpaintPage.redo).toHaveAttribute("aria-disabled", "false");
      await expect(page.getByText("Nothing painted yet")).toBeVisible();
      expect(await inpaintPage.paintedOverlayPixels()).toBe(0);
      await inpaintPage.inpaintButton.click();
      await expect(inpaintPage.maskError).toBeVisible();

      // Redo brings it back (and the error goes); Clear empties it again.
      await inpaintPage.redo.click();
      await expect(page.getByText("Violet = change · the rest is kept")).toBeVisible();
      await expect(inpaintPage.maskError).toHaveCount(0);
      expect(await inpaintPage.paintedOverlayPixels()).toBeGreaterThan(0);
      await inpaintPage.clearMask.click();
      await expect(inpaintPage.clearMask).toHaveAttribute("aria-disabled", "true");
      await expect(page.getByText("Nothing painted yet")).toBeVisible();
      expect(await inpaintPage.paintedOverlayPixels()).toBe(0);
      await inpaintPage.inpaintButton.click();
      await expect(inpaintPage.maskError).toBeVisible();

      await expect(inpaintPage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("a .png that is not an image is refused by the server with a visible reason", async ({ inpaintPage, page }) => {
      await inpaintPage.goto();
      const upload = await inpaintPage.upload("holiday.png", NOT_AN_IMAGE);
      expect(upload.status).toBe(415);
      expect(upload.body.error?.message).toBe("This file is not a PNG, JPEG, WebP or GIF image.");
      await expect(inpaintPage.form("Inpaint settings").getByRole("alert").filter({ hasText: "not a PNG, JPEG, WebP or GIF image" })).toBeVisible();
      // No editor for a file that could not be read.
      await expect(inpaintPage.maskCanvas).toHaveCount(0);
      await expect(page.getByText("Upload an image to start")).toBeVisible();
    });
  });
});
