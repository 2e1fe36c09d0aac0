import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { StudioPage } from "./studio-page";

export class SpeechPage extends StudioPage {
  readonly path = "/speech";
  readonly title = "Speech";
  readonly navLabel = "Speech";

  readonly text: Locator;
  readonly count: Locator;
  readonly model: Locator;
  readonly voice: Locator;
  readonly speed: Locator;
  readonly speakButton: Locator;
  readonly result: Locator;
  readonly audio: Locator;
  readonly spokenText: Locator;
  readonly download: Locator;
  readonly transcribeThis: Locator;

  constructor(page: Page) {
    super(page);
    this.text = page.getByLabel("Text", { exact: true });
    this.count = page.getByTestId("speech-count");
    this.model = page.getByLabel("Model", { exact: true });
    this.voice = page.getByLabel("Voice", { exact: true });
    this.speed = page.getByLabel("Speed", { exact: true });
    this.speakButton = page.getByRole("button", { name: "Speak", exact: true });
    this.result = this.newest.getByTestId("speech-result");
    this.audio = this.result.getByTestId("result-audio");
    this.spokenText = this.result.getByTestId("speech-text");
    this.download = this.result.getByRole("link", { name: /^Download / });
    this.transcribeThis = this.result.getByRole("link", { name: "Transcribe this" });
  }

  /** Types the text key by key, as a person does. */
  async typeText(text: string): Promise<void> {
    await this.text.click();
    await this.page.keyboard.type(text);
    await expect(this.text).toHaveValue(text);
  }

  /** Picks a voice by its label in the picker (the option's text). */
  async chooseVoice(label: string): Promise<void> {
    await this.voice.selectOption({ label });
  }

  speak(): Promise<JobRecord> {
    return this.submitJob(this.speakButton);
  }
}

/** The audio element's duration once the browser has loaded its metadata (fails if it never does). */
export async function loadedDuration(audio: Locator): Promise<number> {
  await expect
    .poll(() => audio.evaluate((el: HTMLAudioElement) => (el.readyState >= 1 && Number.isFinite(el.duration) ? el.duration : 0)), { timeout: 15_000 })
    .toBeGreaterThan(0);
  return audio.evaluate((el: HTMLAudioElement) => el.duration);
}
