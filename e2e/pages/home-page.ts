import type { Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

export class HomePage extends StudioPage {
  readonly path = "/";
  readonly title = "What will you make today?";
  readonly navLabel = "";

  constructor(page: Page) {
    super(page);
  }
}
