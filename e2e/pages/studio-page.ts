import { expect, type Locator, type Page, type Response } from "@playwright/test";
import type { JobRecord, JobStatus } from "../support/api";

/** What every page of the studio shares: the layout (nav, engine badge), a heading, a job pane. */
export abstract class StudioPage {
  abstract readonly path: string;
  /** The page's h1. */
  abstract readonly title: string;
  /** The nav link's text ("" for the home page, which is reached by the logo). */
  abstract readonly navLabel: string;

  readonly nav: Locator;
  readonly engineBadge: Locator;
  /** The newest job card of a generator page's feed (the feed lists newest first). */
  readonly newest: Locator;
  /** The newest job's status. */
  readonly jobStatus: Locator;
  /** Every job card in the page's feed, newest first. */
  readonly jobCards: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Tools" });
    this.engineBadge = page.getByTestId("engine-badge").locator("visible=true");
    this.jobCards = page.getByTestId("job-card");
    this.newest = this.jobCards.first();
    this.jobStatus = this.newest.getByTestId("job-status");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: this.title, exact: true });
  }

  navLink(label: string): Locator {
    return this.nav.getByRole("link", { name: label, exact: true });
  }

  /** The main form of a generator page, named by its aria-label. */
  form(name: string): Locator {
    return this.page.getByRole("form", { name });
  }

  async goto(): Promise<void> {
    // Interactive once hydrated (waited for below); no need to wait for every image and font.
    await this.page.goto(this.path, { waitUntil: "domcontentloaded" });
    await expect(this.heading).toBeVisible();
    await this.waitForHydration();
  }

  /**
   * Waits until React has hydrated the page's forms. Before that, clicking a submit button
   * submits the form natively (a GET that reloads the page) and typed text can be lost.
   */
  async waitForHydration(): Promise<void> {
    await this.page.waitForFunction(() => {
      const forms = Array.from(document.querySelectorAll("form"));
      const roots = forms.length > 0 ? forms : Array.from(document.querySelectorAll("nav a"));
      return roots.length > 0 && roots.every((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")));
    });
  }

  /** Waits for the newest job to reach `status` (fails early with the reason if it ends otherwise). */
  async expectJobStatus(status: JobStatus | RegExp, timeout = 45_000): Promise<void> {
    await expect(this.jobStatus).toHaveAttribute("data-status", status, { timeout });
  }

  /** The "Why it failed" alert of the newest job. */
  get failureReason(): Locator {
    return this.jobStatus.getByRole("alert");
  }

  get cancelButton(): Locator {
    return this.jobStatus.getByRole("button", { name: "Cancel", exact: true });
  }

  /** Clicks a submit button and returns the job the server created for it. */
  protected async submitJob(button: Locator): Promise<JobRecord> {
    const created = this.page.waitForResponse(
      (r: Response) => new URL(r.url()).pathname === "/api/jobs" && r.request().method() === "POST",
    );
    await button.click();
    const res = await created;
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as JobRecord;
  }

  /** Sets a file on a FileDrop's hidden input and returns the upload's JSON answer. */
  protected async uploadTo(input: Locator, file: { name: string; mimeType: string; buffer: Buffer } | string) {
    const answered = this.page.waitForResponse((r: Response) => new URL(r.url()).pathname === "/api/uploads");
    await input.setInputFiles(file);
    const res = await answered;
    return { status: res.status(), body: (await res.json()) as { url?: string; width?: number; height?: number; error?: { message: string } } };
  }
}

/** Prompt, seed and the "Number of images" style radio groups shared by the generator forms. */
export function radio(page: Page, group: string, option: string): Locator {
  return page.getByRole("radiogroup", { name: group }).getByRole("radio", { name: option, exact: true });
}

export async function setSeed(page: Page, seed: number): Promise<void> {
  const random = page.getByRole("checkbox", { name: "Random" });
  // The checkbox is visually hidden inside its label; clicking the label is what a person does.
  if (await random.isChecked()) await page.locator("label").filter({ has: random }).click();
  await expect(random).not.toBeChecked();
  const input = page.getByLabel("Seed", { exact: true });
  await input.fill(String(seed));
  await expect(input).toHaveValue(String(seed));
}

/** Reads an <img>'s natural size once it has loaded (fails if it never decodes). */
export async function naturalSize(img: Locator): Promise<{ width: number; height: number }> {
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 15_000 })
    .toBe(true);
  return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, height: el.naturalHeight }));
}
