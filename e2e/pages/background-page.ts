import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { radio, setSeed, StudioPage } from "./studio-page";

export class BackgroundPage extends StudioPage {
  readonly path = "/background";
  readonly title = "Background";
  readonly navLabel = "Background";

  readonly imageInput: Locator;
  readonly prompt: Locator;
  readonly generateButton: Locator;
  readonly result: Locator;
  readonly original: Locator;
  readonly resultImages: Locator;

  constructor(page: Page) {
    super(page);
    this.imageInput = page.locator("#background-image");
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.generateButton = page.getByRole("button", { name: "Generate", exact: true });
    this.result = this.newest.getByTestId("background-result");
    this.original = this.result.getByRole("img", { name: "Original image" });
    this.resultImages = this.result.getByTestId("result-image");
  }

  /** Uploads the picture to work on; returns the server's answer (its media URL and size). */
  async upload(name: string, png: Buffer) {
    const answer = await this.uploadTo(this.imageInput, { name, mimeType: "image/png", buffer: png });
    await expect(this.page.getByRole("img", { name: `Image: ${name}` })).toBeVisible();
    return answer;
  }

  async chooseMode(mode: "Remove" | "Replace"): Promise<void> {
    await radio(this.page, "Mode", mode).click();
    await expect(radio(this.page, "Mode", mode)).toHaveAttribute("aria-checked", "true");
  }

  /** Types the prompt key by key, as a person does. */
  async typePrompt(text: string): Promise<void> {
    await this.prompt.click();
    await this.page.keyboard.type(text);
    await expect(this.prompt).toHaveValue(text);
  }

  setSeed(seed: number): Promise<void> {
    return setSeed(this.page, seed);
  }

  generate(): Promise<JobRecord> {
    return this.submitJob(this.generateButton);
  }

  /** The download link under result `index` (0-based). */
  downloadLink(index: number): Locator {
    return this.result.getByRole("listitem").nth(index).getByRole("link", { name: /^Download / });
  }
}
