import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { ImagePage } from "./pages/image-page";
import type { JobRecord } from "./support/api";
import { makeTestPng } from "./support/media";
import { mousePress as mouseClick } from "./support/real-input";

/**
 * Work that survives: a generator page keeps its form and its feed of jobs across navigation and
 * reload, and takes a second job while the first runs. Driven by real mouse, keyboard and touch input.
 */

/** Clicks in `field`, selects what is there and types `text` over it. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await mouseClick(page, field);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/** Presses Generate with the mouse and returns the job the server created. */
async function generateByMouse(imagePage: ImagePage): Promise<JobRecord> {
  const page = imagePage.page;
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/jobs" && r.request().method() === "POST");
  await mouseClick(page, imagePage.generateButton);
  const res = await created;
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as JobRecord;
}

const card = (page: Page, id: string) => page.locator(`[data-testid="job-card"][data-job-id="${id}"]`);
const steps = (page: Page) => page.locator("#steps");

test.describe("Work that survives", () => {
  test("the image form, its upload and its feed come back after a nav-link click away and back, and after a reload", async ({ imagePage, page }) => {
    await imagePage.goto();
    await mouseClick(page, page.getByRole("radio", { name: "Image → Image" }));
    const upload = await imagePage.uploadSource("cliff.png", await makeTestPng(96, 64));
    expect(upload.status).toBe(201);
    await typeInto(page, imagePage.prompt, "a basalt lighthouse at dawn");
    // Steps by keyboard on the slider: two steps down from the model's default.
    const before = Number(await steps(page).inputValue());
    await steps(page).focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(steps(page)).toHaveValue(String(before - 2));
    await mouseClick(page, page.locator("label").filter({ has: page.getByRole("checkbox", { name: "Random" }) }));
    await typeInto(page, page.getByLabel("Seed", { exact: true }), "4242");
    const job = await generateByMouse(imagePage);
    await expect(card(page, job.id).getByTestId("job-status")).toHaveAttribute("data-status", "done", { timeout: 45_000 });
    await expect(imagePage.resultImages.first()).toBeVisible();

    const expectAllBack = async () => {
      await expect(imagePage.prompt).toHaveValue("a basalt lighthouse at dawn");
      await expect(page.getByRole("radio", { name: "Image → Image" })).toHaveAttribute("aria-checked", "true");
      await expect(steps(page)).toHaveValue(String(before - 2));
      await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("4242");
      const preview = page.getByRole("img", { name: "Source image: cliff.png" });
      await expect(preview).toBeVisible();
      // The studio's own copy, so it still shows after a reload (a blob: URL would not).
      expect(await preview.getAttribute("src")).toBe(upload.body.url);
      await expect(card(page, job.id).getByTestId("job-status")).toHaveAttribute("data-status", "done");
      await expect(card(page, job.id).getByTestId("result-image").first()).toBeVisible();
    };

    await mouseClick(page, imagePage.navLink("Video"));
    await expect(page.getByRole("heading", { level: 1, name: "Video" })).toBeVisible();
    await mouseClick(page, imagePage.navLink("Image"));
    await expect(imagePage.heading).toBeVisible();
    await expectAllBack();

    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expectAllBack();
  });

  test("Clear form puts every field back to its default and keeps it so after a reload; the feed stays", async ({ imagePage, page }) => {
    await imagePage.goto();
    const defaultSteps = await steps(page).inputValue();
    await typeInto(page, imagePage.prompt, "a quiet harbour in fog");
    await steps(page).focus();
    await page.keyboard.press("End");
    await expect(steps(page)).toHaveValue("50");
    const job = await generateByMouse(imagePage);

    await mouseClick(page, page.getByRole("button", { name: "Clear form" }));
    await expect(imagePage.prompt).toHaveValue("");
    await expect(steps(page)).toHaveValue(defaultSteps);
    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expect(card(page, job.id)).toBeVisible();
    await expect(imagePage.prompt).toHaveValue("");
    await expect(steps(page)).toHaveValue(defaultSteps);
  });

  test("a card taken off the feed stays gone after a reload while its job stays in History; Clear feed empties it", async ({ imagePage, page, api }) => {
    await imagePage.goto();
    await typeInto(page, imagePage.prompt, "first of two");
    const first = await generateByMouse(imagePage);
    await typeInto(page, imagePage.prompt, "second of two");
    const second = await generateByMouse(imagePage);
    await expect(imagePage.jobCards).toHaveCount(2);
    // Newest on top.
    await expect(imagePage.jobCards.first()).toHaveAttribute("data-job-id", second.id);
    // Both results in place first, as a person sees them: a result appearing in the card above
    // moves the button from under a pointer aimed a moment before.
    for (const job of [second, first]) await expect(card(page, job.id).getByTestId("result-image").first()).toBeVisible();

    await mouseClick(page, card(page, first.id).getByRole("button", { name: "Remove from feed" }));
    await expect(card(page, first.id)).toHaveCount(0);
    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expect(card(page, second.id)).toBeVisible();
    await expect(card(page, first.id)).toHaveCount(0);
    expect((await api.job(first.id)).id).toBe(first.id);

    await mouseClick(page, page.getByRole("button", { name: "Clear feed" }));
    await expect(imagePage.jobCards).toHaveCount(0);
    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expect(page.getByText("Your images appear here")).toBeVisible();
  });

  test("a deleted job drops out of the feed quietly", async ({ imagePage, page, api }) => {
    await imagePage.goto();
    await typeInto(page, imagePage.prompt, "soon deleted");
    const job = await generateByMouse(imagePage);
    await api.waitForJob(job.id, (j) => j.status === "done");
    expect((await api.request.delete(`/api/jobs/${job.id}`)).status()).toBe(204);
    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expect(imagePage.jobCards).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  });

  test("a stored draft that does not fit is read as the defaults, without an error", async ({ imagePage, page }) => {
    await page.addInitScript(() => {
      localStorage.setItem("studio:draft:v1:image", JSON.stringify({ prompt: 42, steps: "many", source: { preview: "blob:x" }, mode: "sideways" }));
      localStorage.setItem("studio:feed:v1:image", "not json");
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await imagePage.goto();
    await expect(imagePage.prompt).toHaveValue("");
    await expect(page.getByRole("radio", { name: "Text → Image" })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByText("Your images appear here")).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("switching to FLUX schnell takes its own 4 steps, unless the steps were changed", async ({ imagePage, page }) => {
    await imagePage.goto();
    const model = page.getByLabel("Model", { exact: true });
    await expect(steps(page)).toHaveValue("28");
    await model.focus();
    await model.selectOption({ label: "FLUX.1 [schnell]" });
    await expect(steps(page)).toHaveValue("4");
    await model.selectOption({ label: "FLUX.1 [dev]" });
    await expect(steps(page)).toHaveValue("28");
    await steps(page).focus();
    await page.keyboard.press("ArrowRight");
    await expect(steps(page)).toHaveValue("29");
    await model.selectOption({ label: "FLUX.1 [schnell]" });
    await expect(steps(page)).toHaveValue("29");
  });
});

test.describe("Two jobs at once", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ exclusiveEngine: true });

  test("a second job starts while the first runs, and both cards end with their results", async ({ engine, imagePage, page, api }) => {
    await engine.set({ latencyMs: 2500, concurrency: 2 });
    await imagePage.goto();
    await typeInto(page, imagePage.prompt, "a red kite");
    const created = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/jobs" && r.request().method() === "POST");
    await page.keyboard.press("Control+Enter");
    const first = (await (await created).json()) as JobRecord;
    await expect(card(page, first.id).getByTestId("job-status")).toHaveAttribute("data-status", /^(queued|running)$/);
    // Generate is not held while the first job runs.
    await expect(imagePage.generateButton).toBeEnabled();
    await typeInto(page, imagePage.prompt, "a blue kite");
    const second = await generateByMouse(imagePage);
    expect((await api.job(first.id)).status).not.toBe("done");
    await expect(imagePage.jobCards).toHaveCount(2);

    for (const job of [first, second]) {
      await expect(card(page, job.id).getByTestId("job-status")).toHaveAttribute("data-status", "done", { timeout: 45_000 });
      await expect(card(page, job.id).getByTestId("result-image").first()).toBeVisible();
      await expect(card(page, job.id).getByTestId("job-card-title")).toHaveText(job.id === first.id ? "a red kite" : "a blue kite");
    }
  });

  test("Cancel on one card cancels only that job; a reload follows the other to its end", async ({ engine, imagePage, page, api }) => {
    await engine.set({ latencyMs: 5000, concurrency: 2 });
    await imagePage.goto();
    await typeInto(page, imagePage.prompt, "to be cancelled");
    const doomed = await generateByMouse(imagePage);
    await typeInto(page, imagePage.prompt, "to be kept");
    const kept = await generateByMouse(imagePage);

    await mouseClick(page, card(page, doomed.id).getByRole("button", { name: "Cancel", exact: true }));
    await expect(card(page, doomed.id).getByTestId("job-status")).toHaveAttribute("data-status", "cancelled", { timeout: 5_000 });
    expect((await api.job(kept.id)).status).toMatch(/^(queued|running)$/);
    await page.reload({ waitUntil: "domcontentloaded" });
    await imagePage.waitForHydration();
    await expect(card(page, kept.id).getByTestId("job-status")).toHaveAttribute("data-status", /^(queued|running)$/);
    await expect(card(page, kept.id).getByTestId("job-status")).toHaveAttribute("data-status", "done", { timeout: 45_000 });
    await expect(card(page, kept.id).getByTestId("result-image").first()).toBeVisible();
    await expect(card(page, doomed.id).getByTestId("job-status")).toHaveAttribute("data-status", "cancelled");
  });
});

test.describe("On a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a typed prompt survives tapping to another tool and back", async ({ imagePage, page }) => {
    await imagePage.goto();
    const box = (await imagePage.prompt.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type("typed on a phone");
    await expect(imagePage.prompt).toHaveValue("typed on a phone");
    const tap = async (target: Locator) => {
      await target.scrollIntoViewIfNeeded();
      const b = (await target.boundingBox())!;
      await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
    };
    // On a phone the tools fold behind the Menu button.
    const menu = page.getByRole("button", { name: "Menu", exact: true });
    await tap(menu);
    await tap(imagePage.nav.getByRole("link", { name: "Speech" }));
    await expect(page.getByRole("heading", { level: 1, name: "Speech" })).toBeVisible();
    await tap(menu);
    await tap(imagePage.nav.getByRole("link", { name: "Image" }));
    await expect(imagePage.heading).toBeVisible();
    await expect(imagePage.prompt).toHaveValue("typed on a phone");
  });
});
