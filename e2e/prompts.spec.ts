import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { PromptsPage } from "./pages/prompts-page";
import { recordJobPosts } from "./support/job-posts";
import { mousePress, tabTo } from "./support/real-input";

// Drafting runs on the engine's LLM side, which has no knobs: no need to wait for jobs.spec.ts.
test.use({ usesEngine: false });

test.describe("Prompt drafting", () => {
  test("drafts stream in and a finished draft goes to the Image page", async ({ promptsPage, imagePage, page }) => {
    await promptsPage.goto();
    await promptsPage.watchWritingCard();
    await promptsPage.idea.fill("a fox librarian in a snowy mountain town");
    await promptsPage.chooseCount(3);
    await promptsPage.draftButton.click();

    // While streaming: a card being written, and a Stop button instead of "Draft prompts".
    await expect(promptsPage.writing.first()).toBeVisible();
    await expect(promptsPage.stopButton).toBeVisible();

    await expect(promptsPage.cards).toHaveCount(3, { timeout: 30_000 });
    await expect(promptsPage.draftButton).toBeVisible();
    await expect(promptsPage.writing).toHaveCount(0);

    // The card grew on screen as text arrived: many different partial texts were shown.
    const samples = await promptsPage.writingSamples();
    expect(new Set(samples).size, `writing-card texts seen: ${samples.length}`).toBeGreaterThanOrEqual(3);
    const lengths = samples.map((s) => s.length);
    expect(Math.max(...lengths)).toBeGreaterThan(Math.min(...lengths));

    const prompts: string[] = [];
    for (const card of await promptsPage.cards.all()) {
      await expect(card.getByRole("heading")).not.toBeEmpty();
      const text = ((await promptsPage.cardPrompt(card).textContent()) ?? "").trim();
      expect(text.length).toBeGreaterThan(10);
      prompts.push(text);
    }
    expect(new Set(prompts).size).toBe(3);
    await page.screenshot({ path: test.info().outputPath("prompt-cards.png"), fullPage: true });

    const first = promptsPage.cards.first();
    await promptsPage.useInImage(first).click();
    await expect(page).toHaveURL(/\/image\?text=/);
    await expect(imagePage.heading).toBeVisible();
    await expect(imagePage.prompt).toHaveValue(prompts[0]!);
  });

  test("an idea of one letter gets a field error", async ({ promptsPage, page }) => {
    const posts = recordJobPosts(page, "/api/prompts");
    await promptsPage.goto();
    await promptsPage.idea.fill("a");
    await promptsPage.draftButton.click();
    const alert = promptsPage.form("Prompt drafting").getByRole("alert");
    await expect(alert).toHaveText("Give the idea a few words");
    await expect(promptsPage.idea).toHaveAttribute("aria-invalid", "true");
    await expect(promptsPage.idea).toHaveAccessibleDescription(/Give the idea a few words/);
    await expect(promptsPage.cards).toHaveCount(0);
    expect(posts).toEqual([]);
  });

  // A person's click or Enter on Stop, through the browser's input pipeline: Stop must end the
  // stream and nothing else; no second draft may start on the Draft button that takes its place.
  const stopWith: Record<string, (page: Page, stop: Locator, promptsPage: PromptsPage) => Promise<void>> = {
    "a mouse click": (page, stop) => mousePress(page, stop),
    "Enter after Tab": async (page, stop, promptsPage) => {
      await promptsPage.style.focus();
      await tabTo(page, stop);
      await page.keyboard.press("Enter");
    },
  };
  for (const [how, press] of Object.entries(stopWith)) {
    test(`Stop pressed with ${how} stops drafting and starts no second draft`, async ({ promptsPage, historyPage, page }) => {
      const idea = `a heron fishing at dusk, stopped by ${how} ${Date.now()}`;
      const posts = recordJobPosts(page, "/api/prompts");
      await promptsPage.goto();
      await promptsPage.idea.fill(idea);
      await promptsPage.chooseCount(6);
      await mousePress(page, promptsPage.draftButton);
      await expect(promptsPage.writing.first()).toBeVisible();

      await press(page, promptsPage.stopButton, promptsPage);
      await expect(page.getByText("Stopped", { exact: true })).toBeVisible();
      await expect(promptsPage.draftButton).toBeVisible();
      // Long enough for a second stream to have shown itself, were one started.
      await expect(promptsPage.stopButton).toBeHidden();
      await page.waitForLoadState("networkidle");
      expect(posts, "one POST /api/prompts").toHaveLength(1);
      await expect(promptsPage.cards).not.toHaveCount(6);

      await historyPage.goto();
      await historyPage.search.fill(idea);
      await expect(historyPage.cards).toHaveCount(1);
      await expect(historyPage.cards.first()).toHaveAttribute("data-status", "cancelled");
    });
  }

  test("Ctrl + Enter in the idea box while drafts stream starts no second draft", async ({ promptsPage, page }) => {
    const posts = recordJobPosts(page, "/api/prompts");
    await promptsPage.goto();
    await promptsPage.idea.fill("a lighthouse keeper's cat on a stormy night");
    await promptsPage.chooseCount(6);
    await promptsPage.idea.press("Control+Enter");
    await expect(promptsPage.writing.first()).toBeVisible();
    await promptsPage.idea.press("Control+Enter");
    await mousePress(page, promptsPage.stopButton);
    await expect(page.getByText("Stopped", { exact: true })).toBeVisible();
    expect(posts, "one POST /api/prompts").toHaveLength(1);
  });

  test("/api/prompts streams its answer in many chunks over time", async ({ promptsPage, page }) => {
    await promptsPage.goto();
    const chunks = await page.evaluate(async () => {
      const res = await fetch("/api/prompts", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ idea: "a lighthouse keeper's cat", count: 3 }),
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      const seen: { at: number; text: string }[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen.push({ at: performance.now(), text: decoder.decode(value, { stream: true }) });
      }
      return { status: res.status, type: res.headers.get("content-type"), seen };
    });
    expect(chunks.status).toBe(200);
    expect(chunks.type).toContain("application/x-ndjson");
    expect(chunks.seen.length).toBeGreaterThan(5);
    const spread = chunks.seen[chunks.seen.length - 1]!.at - chunks.seen[0]!.at;
    expect(spread).toBeGreaterThan(100);

    const events = chunks.seen
      .map((c) => c.text)
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; prompts?: unknown[] });
    expect(events[0]?.type).toBe("job");
    expect(events.filter((e) => e.type === "delta").length).toBeGreaterThan(5);
    expect(events.filter((e) => e.type === "prompt")).toHaveLength(3);
    expect(events[events.length - 1]).toMatchObject({ type: "done", prompts: expect.any(Array) });
  });
});
