import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { StudioPage } from "./studio-page";

const AUDIO_TYPES: Record<string, string> = { ".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".webm": "audio/webm", ".flac": "audio/flac" };

export class TranscribePage extends StudioPage {
  readonly path = "/transcribe";
  readonly title = "Transcribe";
  readonly navLabel = "Transcribe";

  readonly audioInput: Locator;
  readonly audioName: Locator;
  readonly startRecording: Locator;
  readonly stopRecording: Locator;
  readonly recordingTimer: Locator;
  readonly transcribeButton: Locator;
  readonly transcriptText: Locator;
  readonly segments: Locator;
  readonly srtButton: Locator;
  readonly vttButton: Locator;
  readonly txtButton: Locator;

  constructor(page: Page) {
    super(page);
    this.audioInput = page.locator("#audio-file");
    this.audioName = page.getByTestId("audio-name");
    this.startRecording = page.getByRole("button", { name: "Start recording" });
    this.stopRecording = page.getByRole("button", { name: "Stop recording" });
    this.recordingTimer = page.getByRole("timer", { name: "Elapsed recording time" });
    this.transcribeButton = page.getByRole("button", { name: "Transcribe", exact: true });
    this.transcriptText = this.newest.getByTestId("transcript-text");
    this.segments = this.newest.getByTestId("transcript-segments");
    this.srtButton = this.newest.getByRole("button", { name: ".srt" });
    this.vttButton = this.newest.getByRole("button", { name: ".vtt" });
    this.txtButton = this.newest.getByRole("button", { name: ".txt" });
  }

  /** Picks an audio file from disk; returns the upload's answer. */
  async upload(filePath: string) {
    // Passed as a buffer: with a path, Chromium drops the upload's response body from its
    // inspector cache ("Request content was evicted"), so the answer could not be read.
    const name = path.basename(filePath);
    return this.uploadTo(this.audioInput, { name, mimeType: AUDIO_TYPES[path.extname(name).toLowerCase()] ?? "application/octet-stream", buffer: await readFile(filePath) });
  }

  async uploadBuffer(name: string, mimeType: string, buffer: Buffer) {
    return this.uploadTo(this.audioInput, { name, mimeType, buffer });
  }

  /** Records from the (fake) microphone until the timer shows `seconds`, then stops. */
  async record(seconds: number): Promise<void> {
    await this.startRecording.click();
    await expect(this.stopRecording).toBeVisible();
    // The timer shows whole seconds (m:ss); wait until it has counted at least `seconds`.
    await expect
      .poll(async () => {
        const [m = "0", s = "0"] = ((await this.recordingTimer.textContent()) ?? "").split(":");
        return Number(m) * 60 + Number(s);
      }, { timeout: (seconds + 5) * 1000 })
      .toBeGreaterThanOrEqual(seconds);
    await this.stopRecording.click();
  }

  transcribe(): Promise<JobRecord> {
    return this.submitJob(this.transcribeButton);
  }
}
