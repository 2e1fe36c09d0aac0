import { expect, test } from "./fixtures";
import { radio } from "./pages/studio-page";
import { recordJobPosts } from "./support/job-posts";
import { mousePress, tabTo } from "./support/real-input";

// Text runs on the engine's LLM side, which has no knobs: no need to wait for jobs.spec.ts.
test.use({ usesEngine: false });

const ARTICLE =
  "Honey bees live in colonies of thousands of bees. The weather was mild on Tuesday. A colony depends on its queen, who lays the eggs for the whole colony. " +
  "Worker bees gather nectar and pollen and feed the colony. Someone left a bicycle by the gate. In winter the bees cluster around the queen to keep the colony warm.";

test.describe("Text", () => {
  test("a typed prompt sent with Ctrl+Enter streams in, renders Markdown, and can be copied, shared and found in History", async ({ textPage, historyPage, jobPage, page, browser, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await textPage.goto();
    await expect(textPage.engineBadge).toHaveText(/Local engine/);
    await textPage.watchOutput();
    await textPage.typeAndSend(`Summarise this, and list its keywords:\n${ARTICLE}`);

    // While it is written: Stop instead of Send, and the answer grows on screen.
    await expect(textPage.stopButton).toBeVisible();
    await textPage.waitForDone();
    const samples = await textPage.outputSamples();
    expect(new Set(samples).size, `answer texts seen: ${samples.length}`).toBeGreaterThanOrEqual(3);
    expect(Math.max(...samples.map((s) => s.length))).toBeGreaterThan(Math.min(...samples.map((s) => s.length)));

    // Markdown: headings and lists, not their marks.
    await expect(textPage.output.getByRole("heading", { name: "Summary" })).toBeVisible();
    await expect(textPage.output.getByRole("heading", { name: "Keywords" })).toBeVisible();
    await expect(textPage.output.getByRole("list").first().getByRole("listitem")).toHaveCount(2);
    await expect(textPage.output.getByRole("listitem").filter({ hasText: "bicycle" })).toHaveCount(0);
    await expect(textPage.output).not.toContainText("##");
    await expect(textPage.meta).toContainText("Local engine");
    await expect(textPage.usage).toHaveText(/\d+ tokens in · \d+ out/);

    // Copy gives the raw Markdown.
    await textPage.answer.getByRole("button", { name: "Copy" }).click();
    await expect(textPage.answer.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^## Summary\n\n- .+\n- .+\n\n/);

    const id = await textPage.jobId();
    await page.getByRole("link", { name: "Open job" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
    await expect(page.getByTestId("text-answer").getByRole("heading", { name: "Summary" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Job actions" }).getByRole("button", { name: "Re-run" })).toHaveCount(0);

    await jobPage.shareButton.click();
    const shareUrl = await jobPage.publicLink.inputValue();
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      expect((await other.goto(shareUrl))?.status()).toBe(200);
      await expect(other.getByTestId("text-answer").getByRole("heading", { name: "Summary" })).toBeVisible();
      await expect(other.getByTestId("text-answer").getByRole("list").first().getByRole("listitem")).toHaveCount(2);
      await expect(other.getByRole("navigation", { name: "Tools" })).toHaveCount(0);
      expect(await other.locator('meta[property="og:image"]').getAttribute("content")).toContain("/opengraph-image");
    } finally {
      await stranger.close();
    }

    await historyPage.goto();
    await radio(page, "Task", "Text").click();
    await expect(page).toHaveURL(/[?&]task=text\b/);
    const card = page.locator(`[data-job-card="${id}"]`);
    await expect(card).toBeVisible();
    // The thumbnail shows the answer's first words, without Markdown marks.
    await expect(card).toContainText("Summary");
    await expect(card).not.toContainText("## Summary");
    await expect(historyPage.cards.and(page.locator(":not([data-task=text])"))).toHaveCount(0);
  });

  test("HTML in the model's answer is shown as text and never run, on the page, the job page and the share page", async ({ textPage, jobPage, page, browser }) => {
    const payload = 'Bees wrote <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> on the hive.';
    await textPage.goto();
    await textPage.prompt.fill(`Summarise: ${payload}`);
    await textPage.sendButton.click();
    await textPage.waitForDone();
    const check = async (where: typeof page) => {
      const answer = where.getByTestId("text-answer");
      await expect(answer).toContainText('<img src=x onerror="window.__pwned=1">');
      await expect(answer).toContainText("<script>window.__pwned=2</script>");
      await expect(answer.locator("img, script")).toHaveCount(0);
      expect(await where.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    };
    await check(page);
    await page.getByRole("link", { name: "Open job" }).click();
    await check(page);
    await jobPage.shareButton.click();
    const shareUrl = await jobPage.publicLink.inputValue();
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      await other.goto(shareUrl);
      await check(other);
    } finally {
      await stranger.close();
    }
  });

  test("Stop clicked with the mouse leaves a cancelled job that keeps the partial answer", async ({ textPage, api, page }) => {
    const posts = recordJobPosts(page, "/api/text");
    await textPage.goto();
    await textPage.prompt.fill(`Summarise this, count its words and list its keywords:\n${ARTICLE.repeat(4)}`);
    // An OpenAI reasoning model: the local engine streams its working as reasoning_content, as compatible servers do.
    await textPage.model.selectOption("openai:o4-mini");
    await textPage.reasoning.check();
    await textPage.sendButton.click();
    await expect(textPage.output).not.toBeEmpty();
    await mousePress(page, textPage.stopButton);
    await expect(page.getByTestId("text-stopped")).toBeVisible();
    await expect(textPage.sendButton).toBeVisible();
    const shown = (await textPage.output.textContent()) ?? "";
    expect(posts, "Stop sends nothing again").toHaveLength(1);

    const id = await textPage.jobId();
    const job = await api.waitForJob(id, (j) => j.status === "cancelled");
    expect(job.text!.length).toBeGreaterThan(0);
    expect(job.text).not.toContain("## Keywords"); // stopped well before the end
    expect(job.reasoning).toMatch(/Asked for a summary, counts and keywords/);
    expect(shown.length).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Open job" }).click();
    await expect(page.getByTestId("job-status")).toContainText("cancelled");
    await expect(page.getByTestId("text-answer")).toBeVisible();
  });

  test("Stop pressed with Enter after Tab sends nothing again", async ({ textPage, page }) => {
    const posts = recordJobPosts(page, "/api/text");
    await textPage.goto();
    await textPage.prompt.fill(`Summarise this, count its words and list its keywords:\n${ARTICLE.repeat(4)}`);
    await mousePress(page, textPage.sendButton);
    await expect(textPage.output).not.toBeEmpty();
    await textPage.reasoning.focus();
    await tabTo(page, textPage.stopButton);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("text-stopped")).toBeVisible();
    await expect(textPage.sendButton).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(posts, "one POST /api/text").toHaveLength(1);
    await expect(page.getByTestId("text-stopped")).toBeVisible();
  });

  test("reasoning streams folded above the answer, and Remix brings every field back", async ({ textPage, page }) => {
    await textPage.goto();
    await textPage.prompt.fill(`Count the words: ${ARTICLE}`);
    await textPage.systemToggle.click();
    await textPage.system.fill("Be brief.");
    await textPage.model.selectOption("openrouter:deepseek/deepseek-r1");
    await textPage.temperature.fill("0.4");
    await textPage.maxTokens.fill("500");
    await textPage.reasoning.check();
    await textPage.sendButton.click();
    await textPage.waitForDone();
    await expect(textPage.reasoningDetails).toBeVisible();
    await expect(textPage.reasoningDetails).not.toHaveAttribute("open", "");
    await textPage.reasoningDetails.getByText("Reasoning").click();
    await expect(textPage.reasoningDetails).toContainText("Counted words");
    await expect(textPage.output).toContainText("Words:");
    await expect(textPage.meta).toContainText("deepseek/deepseek-r1");

    await page.getByRole("link", { name: "Open job" }).click();
    await page.getByRole("link", { name: "Remix" }).click();
    await expect(page).toHaveURL(/\/text\?remix=/);
    await textPage.waitForHydration();
    await expect(textPage.prompt).toHaveValue(`Count the words: ${ARTICLE}`);
    await expect(textPage.system).toHaveValue("Be brief.");
    await expect(textPage.model).toHaveValue("openrouter:deepseek/deepseek-r1");
    await expect(textPage.temperature).toHaveValue("0.4");
    await expect(textPage.maxTokens).toHaveValue("500");
    await expect(textPage.reasoning).toBeChecked();
  });

  test("both vendors' models answer on the local engine, grouped by vendor", async ({ textPage }) => {
    await textPage.goto();
    const groups = await textPage.model.locator("optgroup").evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups).toEqual(["OpenAI", "OpenRouter via fal"]);
    await expect(textPage.model.locator("option:disabled")).toHaveCount(0);
    for (const model of ["openai:gpt-4.1-mini", "openrouter:google/gemini-2.5-flash"]) {
      await textPage.model.selectOption(model);
      await textPage.prompt.fill("Write a haiku about the sea");
      await textPage.sendButton.click();
      await textPage.waitForDone();
      await expect(textPage.meta).toContainText(`Local engine · ${model.split(":")[1]}`);
      await expect(textPage.output).toContainText("The local engine has no language model");
      await expect(textPage.output).toContainText("OPENAI_API_KEY");
    }
  });

  test("an empty prompt is refused at the field and sends nothing", async ({ textPage, page }) => {
    const posts: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/api/text") posts.push(r.url());
    });
    await textPage.goto();
    await textPage.prompt.click();
    await page.keyboard.type("   ");
    await page.keyboard.press("Control+Enter");
    const alert = textPage.form("Text").getByRole("alert");
    await expect(alert).toHaveText("Write a prompt");
    await expect(textPage.prompt).toHaveAttribute("aria-invalid", "true");
    await expect(textPage.prompt).toHaveAccessibleDescription(/Write a prompt/);
    await textPage.temperature.fill("3");
    await textPage.prompt.fill("hello");
    await textPage.sendButton.click();
    await expect(alert).toHaveText("From 0 to 2");
    await expect(textPage.answer).toHaveCount(0);
    expect(posts).toEqual([]);
  });

  test("API: POST /api/text refuses an empty prompt with 422 by the field, and a cross-site post", async ({ request }) => {
    const res = await request.post("/api/text", { data: { task: "text", prompt: "", reasoning: false } });
    expect(res.status()).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "validation", fields: { prompt: "Write a prompt" } } });
    const unlisted = await request.post("/api/text", { data: { task: "text", prompt: "hi", model: "openai:gpt-2" } });
    expect(unlisted.status()).toBe(422);
    expect(await unlisted.json()).toMatchObject({ error: { fields: { model: "Pick one of the listed models" } } });
    const crossSite = await request.post("/api/text", { data: { task: "text", prompt: "hi" }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(crossSite.status()).toBe(403);
  });
});
