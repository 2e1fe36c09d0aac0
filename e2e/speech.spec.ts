import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { loadedDuration } from "./pages/speech-page";
import { radio } from "./pages/studio-page";
import { recordJobPosts } from "./support/job-posts";

const TEXT = "Hello world. The weather today is sunny and warm, with a light breeze from the sea.";

/** An MP3 starts with an ID3 tag or an MPEG audio frame's sync bits. */
const isMp3 = (b: Buffer) => b.subarray(0, 3).toString("latin1") === "ID3" || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0);

test.describe("Speech", () => {
  test("typed text is read in the chosen voice: the player loads, the download is an MP3, Transcribe this transcribes it", async ({ speechPage, transcribePage, api, page }) => {
    await speechPage.goto();
    await speechPage.typeText(TEXT);
    await expect(speechPage.count).toHaveText(new RegExp(`^${TEXT.length} / 5,000 characters`));
    await speechPage.chooseVoice("Onyx");
    await expect(speechPage.voice).toHaveValue("am_onyx");
    await page.getByRole("spinbutton", { name: "Exact value" }).fill("1.25");
    await page.keyboard.press("Tab");
    await expect(speechPage.speed).toHaveValue("1.25");

    const job = await speechPage.speak();
    expect(job.input).toMatchObject({ task: "speech", text: TEXT, voice: "am_onyx", speed: 1.25 });
    expect(job.endpointId).toBe("fal-ai/kokoro/american-english");
    await speechPage.expectJobStatus("done");
    await expect(speechPage.spokenText).toHaveText(TEXT);

    // The browser decodes it: sixteen words at 1.25× take a few seconds.
    const seconds = await loadedDuration(speechPage.audio);
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(15);
    const done = await api.job(job.id);
    expect(done.outputs).toHaveLength(1);
    expect(done.outputs[0]).toMatchObject({ kind: "audio", contentType: "audio/mpeg" });
    expect(Math.abs(done.outputs[0]!.durationSec! - seconds)).toBeLessThan(0.2);
    await page.screenshot({ path: test.info().outputPath("speech-result.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), speechPage.download.click()]);
    expect(download.suggestedFilename()).toMatch(/^hello-world-the-weather-today-is-1\.mp3$/);
    const bytes = await readFile((await download.path())!);
    expect(isMp3(bytes), bytes.subarray(0, 4).toString("hex")).toBe(true);
    expect(bytes.equals(await api.bytes(done.outputs[0]!.url))).toBe(true);

    await speechPage.transcribeThis.click();
    await expect(page).toHaveURL(/\/transcribe\?audio=/);
    await expect(transcribePage.heading).toBeVisible();
    await transcribePage.waitForHydration();
    await expect(transcribePage.audioName).toHaveText("audio.mp3");
    const transcription = await transcribePage.transcribe();
    expect(transcription.input).toMatchObject({ task: "transcribe", audio: done.outputs[0]!.url });
    await transcribePage.expectJobStatus("done", 60_000);
    // pocketsphinx hears espeak-ng's robot voice as some words, not reliably these ones.
    await expect(transcribePage.transcriptText).not.toBeEmpty();
    expect(((await api.job(transcription.id)).text ?? "").trim()).not.toBe("");
  });

  test("the job is in History under Speech; its page plays it, Re-run speaks the same bytes, the share page plays it", async ({ speechPage, historyPage, jobPage, api, page, browser }) => {
    await speechPage.goto();
    await speechPage.typeText("Shared words, spoken twice.");
    await speechPage.chooseVoice("Bella");
    const job = await speechPage.speak();
    const done = await api.waitForStatus(job.id, "done");

    await historyPage.goto();
    await radio(page, "Task", "Speech").click();
    await expect(page).toHaveURL(/[?&]task=speech\b/);
    const card = page.locator(`[data-job-card="${job.id}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText("Shared words, spoken twice.");
    await expect(card).toContainText(/0:0[1-9]/);
    await expect(historyPage.cards.and(page.locator(":not([data-task=speech])"))).toHaveCount(0);
    // Its words are what History's search finds it by.
    await historyPage.search.fill("spoken twice");
    await expect(page).toHaveURL(/[?&]q=spoken(\+|%20)twice\b/);
    await expect(card).toBeVisible();
    await historyPage.search.fill("never said this");
    await expect(card).toHaveCount(0);
    await historyPage.search.fill("");

    await card.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    const audio = page.getByTestId("result-audio");
    expect(await loadedDuration(audio)).toBeGreaterThan(1);
    await expect(page.getByTestId("speech-text")).toHaveText("Shared words, spoken twice.");

    await page.getByRole("group", { name: "Job actions" }).getByRole("button", { name: "Re-run" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/jobs/${job.id}$`));
    const rerun = await api.waitForStatus(page.url().split("/jobs/")[1]!, "done");
    expect(rerun.input).toMatchObject({ task: "speech", voice: "af_bella", text: "Shared words, spoken twice." });
    expect((await api.bytes(rerun.outputs[0]!.url)).equals(await api.bytes(done.outputs[0]!.url))).toBe(true);

    await jobPage.shareButton.click();
    const shareUrl = await jobPage.publicLink.inputValue();
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      expect((await other.goto(shareUrl))?.status()).toBe(200);
      await expect(other.getByRole("heading", { level: 1 })).toContainText("Shared words, spoken twice.");
      const shared = other.getByTestId("result-audio");
      await expect(shared).toHaveAttribute("src", rerun.outputs[0]!.url);
      expect(await loadedDuration(shared)).toBeGreaterThan(1);
      // The viewer's hand-off to Transcribe belongs to the studio, not to a public page.
      await expect(other.getByRole("link", { name: "Transcribe this" })).toHaveCount(0);
    } finally {
      await stranger.close();
    }
  });

  test("another model brings its own voices and speeds; Remix brings every field back", async ({ speechPage, page }) => {
    await speechPage.goto();
    await speechPage.model.selectOption({ label: "ElevenLabs Multilingual v2" });
    // Grouped as ElevenLabs describes its voices; Kokoro's are gone, and the speed range is the endpoint's.
    const groups = await speechPage.voice.locator("optgroup").evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups).toEqual(expect.arrayContaining(["American · female", "British · male", "Australian · male"]));
    await expect(speechPage.voice.locator("option", { hasText: "Onyx" })).toHaveCount(0);
    await expect(speechPage.voice).toHaveValue("Rachel");
    await expect(speechPage.speed).toHaveAttribute("max", "1.2");
    await expect(speechPage.speed).toHaveAttribute("min", "0.7");
    await speechPage.chooseVoice("George");
    await expect(page.getByText("George · British male", { exact: true })).toBeVisible();
    await speechPage.typeText("Tea, Earl Grey, hot.");
    const job = await speechPage.speak();
    expect(job).toMatchObject({ endpointId: "fal-ai/elevenlabs/tts/multilingual-v2", input: { voice: "George", text: "Tea, Earl Grey, hot." } });
    await speechPage.expectJobStatus("done");
    expect(await loadedDuration(speechPage.audio)).toBeGreaterThan(0.5);

    await page.goto(`/speech?remix=${job.id}`);
    await speechPage.waitForHydration();
    await expect(speechPage.text).toHaveValue("Tea, Earl Grey, hot.");
    await expect(speechPage.model).toHaveValue("fal-ai/elevenlabs/tts/multilingual-v2");
    await expect(speechPage.voice).toHaveValue("George");
  });

  test.describe("input checks", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("empty and over-long text are refused at the field and start no job", async ({ speechPage, page }) => {
      const jobPosts = recordJobPosts(page);
      await speechPage.goto();
      await speechPage.text.click();
      await page.keyboard.type("   ");
      await speechPage.speakButton.click();
      const alerts = speechPage.form("Speech settings").getByRole("alert");
      await expect(alerts.filter({ hasText: "Enter the text to speak" })).toBeVisible();
      await expect(speechPage.text).toHaveAttribute("aria-invalid", "true");
      await expect(speechPage.text).toHaveAccessibleDescription(/Enter the text to speak/);

      await speechPage.text.fill("word ".repeat(1001));
      await expect(speechPage.count).toHaveText(/^5,004 \/ 5,000 characters/);
      await speechPage.speakButton.click();
      await expect(alerts.filter({ hasText: "Keep the text under 5000 characters" })).toBeVisible();
      await expect(speechPage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("API: a voice the model does not have answers 422 naming the voice", async ({ api }) => {
      const res = await api.createJob({ task: "speech", model: "fal-ai/kokoro/american-english", text: "Hello", voice: "George" });
      expect(res.status()).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "validation", fields: { voice: "Choose a voice this model has" } } });
      // No model named: checked against the configured one (Kokoro), by the same field.
      const bare = await api.createJob({ task: "speech", text: "Hello", voice: "Nobody" });
      expect(bare.status()).toBe(422);
      expect(await bare.json()).toMatchObject({ error: { fields: { voice: "Choose a voice this model has" } } });
    });

    test("Transcribe ignores an ?audio= that is not a stored studio audio file", async ({ transcribePage, page }) => {
      for (const bad of ["https://example.com/a.mp3", `/api/media/${"0".repeat(64)}.mp3`, "/etc/passwd"]) {
        await page.goto(`/transcribe?audio=${encodeURIComponent(bad)}`);
        await expect(transcribePage.heading).toBeVisible();
        await expect(transcribePage.audioName).toHaveCount(0);
      }
    });
  });
});
