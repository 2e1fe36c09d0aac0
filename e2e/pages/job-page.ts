import type { Locator, Page } from "@playwright/test";

/** /jobs/{id}: one job's result, settings and actions. */
export class JobPage {
  readonly shareButton: Locator;
  readonly publicLink: Locator;
  readonly unshareButton: Locator;
  readonly deleteButton: Locator;

  constructor(readonly page: Page) {
    this.shareButton = page.getByRole("button", { name: "Create public link" });
    this.publicLink = page.getByRole("textbox", { name: "Public link" });
    this.unshareButton = page.getByRole("button", { name: "Unshare", exact: true });
    this.deleteButton = page.getByRole("group", { name: "Job actions" }).getByRole("button", { name: "Delete" });
  }

  /** The confirm dialog's button (the dialog repeats the action's name). */
  confirm(label: string): Locator {
    return this.page.getByRole("dialog").getByRole("button", { name: label, exact: true });
  }
}
