import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { GO_FORWARD_WORDS, makeFakeMp3, makeGoForwardWav } from "./support/audio";

test.describe("Transcribe", () => {
  test("a real recording becomes text with timestamps, an .srt and a .vtt file", async ({ transcribePage }, testInfo) => {
    const wav = makeGoForwardWav(testInfo.outputPath("goforward.wav"));
    await transcribePage.goto();
    const upload = await transcribePage.upload(wav);
    expect(upload.status).toBe(201);
    await expect(transcribePage.audioName).toHaveText("goforward.wav");

    await transcribePage.transcribe();
    await transcribePage.expectJobStatus("done", 60_000);

    const text = ((await transcribePage.transcriptText.textContent()) ?? "").toLowerCase();
    const heard = GO_FORWARD_WORDS.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
    expect(heard.length, `transcript: "${text}"`).toBeGreaterThanOrEqual(2);

    await expect(transcribePage.segments).toBeVisible();
    const firstSegment = transcribePage.segments.getByRole("listitem").first();
    await expect(firstSegment.getByRole("button", { name: /^Play from \d+:\d\d–\d+:\d\d$/ })).toBeVisible();

    await transcribePage.page.screenshot({ path: testInfo.outputPath("transcript.png"), fullPage: true });
    const [download] = await Promise.all([transcribePage.page.waitForEvent("download"), transcribePage.srtButton.click()]);
    expect(download.suggestedFilename()).toBe("goforward.srt");
    const srt = await readFile(await download.path());
    expect(srt.toString("utf8")).toMatch(/^1\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\r?\n\S/);
    const [vttDownload] = await Promise.all([transcribePage.page.waitForEvent("download"), transcribePage.vttButton.click()]);
    expect(vttDownload.suggestedFilename()).toBe("goforward.vtt");
    const vtt = await readFile(await vttDownload.path());
    expect(vtt.toString("utf8")).toMatch(/^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n\S/);
  });

  test("a text file named .mp3 is refused at upload with a clear reason", async ({ transcribePage }, testInfo) => {
    const fake = makeFakeMp3(testInfo.outputPath("song.mp3"));
    await transcribePage.goto();
    const upload = await transcribePage.uploadBuffer("song.mp3", "audio/mpeg", await readFile(fake));
    expect(upload.status).toBe(415);
    await expect(transcribePage.form("Transcription settings").getByRole("alert")).toContainText("not a readable audio file");
    await expect(transcribePage.audioName).toHaveCount(0);
  });

  test.describe("audio field errors", () => {
    // No job runs: the form refuses before any is posted.
    test.use({ usesEngine: false });

    test("the missing-audio error goes once a file uploads, and errors never pile up", async ({ transcribePage }, testInfo) => {
      await transcribePage.goto();
      const alerts = transcribePage.form("Transcription settings").getByRole("alert");
      await transcribePage.transcribeButton.click();
      await expect(alerts).toHaveText(["Upload or record some audio first"]);
      await transcribePage.transcribeButton.click();
      await expect(alerts).toHaveText(["Upload or record some audio first"]);

      // A refused file: its own reason replaces the missing-audio error instead of joining it.
      const fake = makeFakeMp3(testInfo.outputPath("song.mp3"));
      expect((await transcribePage.uploadBuffer("song.mp3", "audio/mpeg", await readFile(fake))).status).toBe(415);
      await expect(alerts).toHaveCount(1);
      await expect(alerts).toContainText("not a readable audio file");

      expect((await transcribePage.upload(makeGoForwardWav(testInfo.outputPath("goforward.wav")))).status).toBe(201);
      await expect(transcribePage.audioName).toHaveText("goforward.wav");
      await expect(alerts).toHaveCount(0);
    });

    test("the missing-audio error goes once a file uploads right after it", async ({ transcribePage }, testInfo) => {
      await transcribePage.goto();
      const alerts = transcribePage.form("Transcription settings").getByRole("alert");
      await transcribePage.transcribeButton.click();
      await expect(alerts).toHaveText(["Upload or record some audio first"]);
      expect((await transcribePage.upload(makeGoForwardWav(testInfo.outputPath("goforward.wav")))).status).toBe(201);
      await expect(transcribePage.audioName).toHaveText("goforward.wav");
      await expect(alerts).toHaveCount(0);
    });
  });

  test.describe("recording", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("recording from the microphone uploads a named recording", async ({ transcribePage }) => {
      await transcribePage.goto();
      const uploaded = transcribePage.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/uploads");
      await transcribePage.record(1);
      const res = await uploaded;
      expect(res.status()).toBe(201);
      const stored = (await res.json()) as { contentType: string; bytes: number };
      expect(stored.contentType).toMatch(/^audio\//);
      expect(stored.bytes).toBeGreaterThan(1000);
      await expect(transcribePage.audioName).toHaveText(/^recording-.+\.(webm|ogg|mp4)$/);
    });

    test("recording works after arriving from another page by the navigation (the microphone is allowed only in Transcribe's own document)", async ({ imagePage, transcribePage, page }) => {
      await imagePage.goto();
      const policyOf = async () => (await page.evaluate(() => (document as Document & { featurePolicy?: { allowsFeature: (f: string) => boolean } }).featurePolicy?.allowsFeature("microphone")));
      expect(await policyOf(), "the Image page's document may not use the microphone").toBe(false);
      await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Transcribe" }).click();
      await expect(page).toHaveURL(/\/transcribe$/);
      expect(await policyOf(), "Transcribe loaded as its own document, with its own policy").toBe(true);
      const uploaded = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/uploads");
      await transcribePage.record(1);
      expect((await uploaded).status()).toBe(201);
    });
  });
});
