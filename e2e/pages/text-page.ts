import { expect, type Locator, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

export class TextPage extends StudioPage {
  readonly path = "/text";
  readonly title = "Text";
  readonly navLabel = "Text";

  readonly prompt: Locator;
  readonly systemToggle: Locator;
  readonly system: Locator;
  readonly model: Locator;
  readonly temperature: Locator;
  readonly maxTokens: Locator;
  readonly reasoning: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly answer: Locator;
  readonly output: Locator;
  readonly reasoningDetails: Locator;
  readonly meta: Locator;
  readonly usage: Locator;
  /** The answer being (or last) written on this visit; earlier ones are listed below it as job cards. */
  readonly current: Locator;

  constructor(page: Page) {
    super(page);
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.systemToggle = page.getByText("System prompt (optional)");
    this.system = page.getByLabel("System prompt", { exact: true });
    this.model = page.getByLabel("Model", { exact: true });
    this.temperature = page.getByLabel("Temperature", { exact: true });
    this.maxTokens = page.getByLabel("Max tokens", { exact: true });
    this.reasoning = page.getByRole("checkbox", { name: /^Reasoning/ });
    this.sendButton = page.getByRole("button", { name: "Send", exact: true });
    this.stopButton = page.getByRole("button", { name: "Stop", exact: true });
    this.current = page.getByRole("region", { name: "Current answer" });
    this.answer = this.current.getByTestId("text-answer");
    this.output = this.current.getByTestId("text-output");
    this.reasoningDetails = this.current.getByTestId("text-reasoning");
    this.meta = this.current.getByTestId("text-meta");
    this.usage = this.current.getByTestId("text-usage");
  }

  /** Types the prompt key by key (Shift+Enter for line breaks), as a person does, then sends it with Ctrl+Enter. */
  async typeAndSend(text: string): Promise<void> {
    await this.prompt.click();
    const lines = text.split("\n");
    for (const [i, line] of lines.entries()) {
      if (i > 0) await this.page.keyboard.press("Shift+Enter");
      await this.page.keyboard.type(line);
    }
    await expect(this.prompt).toHaveValue(text);
    await this.page.keyboard.press("Control+Enter");
  }

  /** Waits for the answer to be complete: the Send button is back and Share is offered. */
  async waitForDone(): Promise<void> {
    await expect(this.current.getByTestId("result-actions")).toBeVisible({ timeout: 30_000 });
    await expect(this.sendButton).toBeVisible();
  }

  /** The job id the page is showing, from its Open job link. */
  async jobId(): Promise<string> {
    const href = await this.current.getByRole("link", { name: "Open job" }).getAttribute("href");
    return href!.split("/jobs/")[1]!;
  }

  /** Records in the page every distinct text the answer shows, so a test can tell it grew on screen. */
  async watchOutput(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __outputSamples?: string[] };
      const samples: string[] = (w.__outputSamples = []);
      const sample = () => {
        const text = document.querySelector('[data-testid="text-output"]')?.textContent ?? null;
        if (text && samples[samples.length - 1] !== text) samples.push(text);
      };
      new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  outputSamples(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __outputSamples?: string[] }).__outputSamples ?? []);
  }
}
