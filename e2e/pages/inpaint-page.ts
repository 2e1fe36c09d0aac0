import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { StudioPage } from "./studio-page";

/** A point on the mask canvas as fractions of its width and height (0..1). */
export type CanvasPoint = { x: number; y: number };

export class InpaintPage extends StudioPage {
  readonly path = "/inpaint";
  readonly title = "Inpaint";
  readonly navLabel = "Inpaint";

  readonly imageInput: Locator;
  readonly prompt: Locator;
  readonly maskCanvas: Locator;
  readonly brush: Locator;
  readonly eraser: Locator;
  readonly undo: Locator;
  readonly redo: Locator;
  readonly clearMask: Locator;
  readonly invertMask: Locator;
  readonly brushSize: Locator;
  readonly inpaintButton: Locator;
  readonly compare: Locator;
  readonly resultImage: Locator;

  constructor(page: Page) {
    super(page);
    this.imageInput = page.locator("#inpaint-image");
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.maskCanvas = page.getByTestId("mask-canvas");
    this.brush = page.getByRole("button", { name: "Brush", exact: true });
    this.eraser = page.getByRole("button", { name: "Eraser", exact: true });
    this.undo = page.getByRole("button", { name: "Undo", exact: true });
    this.redo = page.getByRole("button", { name: "Redo", exact: true });
    this.clearMask = page.getByRole("button", { name: "Clear mask", exact: true });
    this.invertMask = page.getByRole("button", { name: "Invert mask", exact: true });
    this.brushSize = page.getByRole("slider", { name: "Brush size" });
    this.inpaintButton = page.getByRole("button", { name: "Inpaint", exact: true });
    this.compare = this.newest.getByTestId("inpaint-compare");
    this.resultImage = this.compare.getByTestId("result-image");
  }

  /** Uploads the image to edit; returns the server's answer (its media URL and size). */
  async upload(name: string, buffer: Buffer, mimeType = "image/png") {
    return this.uploadTo(this.imageInput, { name, mimeType, buffer });
  }

  /** Waits until the mask editor shows the uploaded image with a blank mask. */
  async expectEditorReady(): Promise<void> {
    await expect(this.maskCanvas).toBeVisible();
    await expect(this.page.getByText("Nothing painted yet")).toBeVisible();
    await expect
      .poll(() => this.maskCanvas.evaluate((c: HTMLCanvasElement) => c.width > 1 && c.height > 1))
      .toBe(true);
  }

  /**
   * Drags the mouse across the canvas like a person painting, in steps (the editor joins the
   * points of a stroke itself, so a few are enough for an unbroken line).
   */
  async paintStroke(from: CanvasPoint, to: CanvasPoint, steps = 10): Promise<void> {
    const box = await this.maskCanvas.boundingBox();
    if (!box) throw new Error("mask canvas is not visible");
    const at = (p: CanvasPoint) => ({ x: box.x + p.x * box.width, y: box.y + p.y * box.height });
    const start = at(from);
    const end = at(to);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x, end.y, { steps });
    await this.page.mouse.up();
  }

  /** How many overlay pixels are painted (non-transparent) right now. */
  paintedOverlayPixels(): Promise<number> {
    return this.maskCanvas.evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext("2d");
      if (!ctx) return -1;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  }

  /** The on-screen canvas size and the brush diameter in image pixels. */
  async canvasGeometry(): Promise<{ cssWidth: number; cssHeight: number; brush: number }> {
    const box = await this.maskCanvas.boundingBox();
    if (!box) throw new Error("mask canvas is not visible");
    const brush = Number(await this.brushSize.inputValue());
    return { cssWidth: box.width, cssHeight: box.height, brush };
  }

  inpaint(): Promise<JobRecord> {
    return this.submitJob(this.inpaintButton);
  }

  /** The field error under the form when the mask is empty. */
  get maskError(): Locator {
    return this.form("Inpaint settings").getByRole("alert").filter({ hasText: "Paint over the area to change" });
  }
}
