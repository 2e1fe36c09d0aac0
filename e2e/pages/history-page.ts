import type { Locator, Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

export class HistoryPage extends StudioPage {
  readonly path = "/history";
  readonly title = "History";
  readonly navLabel = "History";

  readonly grid: Locator;
  readonly cards: Locator;
  readonly search: Locator;

  constructor(page: Page) {
    super(page);
    this.grid = page.getByTestId("history-grid");
    this.cards = page.getByTestId("history-card");
    this.search = page.getByRole("search", { name: "Filter the history" }).getByRole("searchbox");
  }

  card(text: string): Locator {
    return this.cards.filter({ hasText: text });
  }

  /** The card of job `id` (a card never shows its id). */
  cardOf(id: string): Locator {
    return this.page.locator(`[data-job-card="${id}"]`);
  }
}
