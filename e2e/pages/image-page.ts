import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { radio, setSeed, StudioPage } from "./studio-page";

export class ImagePage extends StudioPage {
  readonly path = "/image";
  readonly title = "Image";
  readonly navLabel = "Image";

  readonly prompt: Locator;
  readonly size: Locator;
  readonly customWidth: Locator;
  readonly customHeight: Locator;
  readonly generateButton: Locator;
  readonly sourceInput: Locator;
  readonly resultGrid: Locator;
  readonly resultImages: Locator;
  readonly usedSeed: Locator;

  constructor(page: Page) {
    super(page);
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.size = page.getByLabel("Size", { exact: true });
    this.customWidth = page.getByLabel("Width in pixels");
    this.customHeight = page.getByLabel("Height in pixels");
    this.generateButton = page.getByRole("button", { name: "Generate", exact: true });
    this.sourceInput = page.locator("#source-image");
    this.resultGrid = this.newest.getByTestId("result-grid");
    this.resultImages = this.newest.getByTestId("result-image");
    this.usedSeed = this.newest.getByTestId("used-seed");
  }

  async chooseMode(mode: "Text → Image" | "Image → Image"): Promise<void> {
    await radio(this.page, "Mode", mode).click();
    await expect(radio(this.page, "Mode", mode)).toHaveAttribute("aria-checked", "true");
  }

  async chooseCount(n: 1 | 2 | 3 | 4): Promise<void> {
    await radio(this.page, "Number of images", String(n)).click();
    await expect(radio(this.page, "Number of images", String(n))).toHaveAttribute("aria-checked", "true");
  }

  /** Picks a size preset by its visible label, e.g. "Square · 512×512". */
  async chooseSize(label: string): Promise<void> {
    await this.size.selectOption({ label });
  }

  async customSize(width: number, height: number): Promise<void> {
    await this.size.selectOption({ label: "Custom…" });
    await this.customWidth.fill(String(width));
    await this.customHeight.fill(String(height));
  }

  setSeed(seed: number): Promise<void> {
    return setSeed(this.page, seed);
  }

  async uploadSource(name: string, png: Buffer) {
    const answer = await this.uploadTo(this.sourceInput, { name, mimeType: "image/png", buffer: png });
    await expect(this.page.getByRole("img", { name: `Source image: ${name}` })).toBeVisible();
    return answer;
  }

  generate(): Promise<JobRecord> {
    return this.submitJob(this.generateButton);
  }

  /** The download link of result `index` (0-based). */
  downloadLink(index: number): Locator {
    return this.resultGrid.getByRole("listitem").nth(index).getByRole("link", { name: /^Download / });
  }
}
