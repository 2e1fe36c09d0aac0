import { expect, type Locator, type Page } from "@playwright/test";
import { radio, StudioPage } from "./studio-page";

export class PromptsPage extends StudioPage {
  readonly path = "/prompts";
  readonly title = "Prompt drafting";
  readonly navLabel = "Prompts";

  readonly idea: Locator;
  readonly style: Locator;
  readonly draftButton: Locator;
  readonly stopButton: Locator;
  readonly cards: Locator;
  readonly writing: Locator;
  /** The drafts being (or last) written on this visit; earlier ones are listed below as job cards. */
  readonly current: Locator;

  constructor(page: Page) {
    super(page);
    this.idea = page.getByLabel("Idea", { exact: true });
    this.style = page.getByLabel("Style (optional)");
    this.draftButton = page.getByRole("button", { name: "Draft prompts", exact: true });
    this.stopButton = page.getByRole("button", { name: "Stop", exact: true });
    this.current = page.getByRole("region", { name: "Current drafts" });
    this.cards = this.current.getByTestId("prompt-card");
    this.writing = this.current.getByTestId("prompt-writing");
  }

  async chooseCount(n: number): Promise<void> {
    await radio(this.page, "How many", String(n)).click();
    await expect(radio(this.page, "How many", String(n))).toHaveAttribute("aria-checked", "true");
  }

  /** The prompt text of a finished card (its paragraph, without title or buttons). */
  cardPrompt(card: Locator): Locator {
    return card.locator("p").first();
  }

  useInImage(card: Locator): Locator {
    return card.getByRole("link", { name: "Use in Image" });
  }

  /**
   * Starts recording, in the page, every distinct text the "writing" card shows, so a test can
   * tell afterwards whether the draft grew on screen while it streamed.
   */
  async watchWritingCard(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __writingSamples?: string[] };
      const samples: string[] = (w.__writingSamples = []);
      const sample = () => {
        const text = document.querySelector('[data-testid="prompt-writing"]')?.textContent ?? null;
        if (text !== null && samples[samples.length - 1] !== text) samples.push(text);
      };
      new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }

  writingSamples(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __writingSamples?: string[] }).__writingSamples ?? []);
  }
}
