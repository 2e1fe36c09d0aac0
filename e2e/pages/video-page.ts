import { expect, type Locator, type Page } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { radio, StudioPage } from "./studio-page";

export type VideoMetadata = { videoWidth: number; videoHeight: number; duration: number; src: string };

export class VideoPage extends StudioPage {
  readonly path = "/video";
  readonly title = "Video";
  readonly navLabel = "Video";

  readonly prompt: Locator;
  readonly startFrameInput: Locator;
  readonly generateButton: Locator;
  readonly video: Locator;

  constructor(page: Page) {
    super(page);
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.startFrameInput = page.locator("#start-frame");
    this.generateButton = page.getByRole("button", { name: "Generate video", exact: true });
    this.video = this.newest.getByTestId("result-video");
  }

  async chooseMode(mode: "Text → Video" | "Image → Video"): Promise<void> {
    await radio(this.page, "Mode", mode).click();
    await expect(radio(this.page, "Mode", mode)).toHaveAttribute("aria-checked", "true");
  }

  async chooseAspect(aspect: string): Promise<void> {
    await radio(this.page, "Aspect ratio", aspect).click();
    await expect(radio(this.page, "Aspect ratio", aspect)).toHaveAttribute("aria-checked", "true");
  }

  /** The duration the form will send, in seconds (the checked "Duration" option). */
  async chosenDuration(): Promise<number> {
    const checked = this.page.getByRole("radiogroup", { name: "Duration" }).getByRole("radio", { checked: true });
    await expect(checked).toHaveCount(1);
    return Number.parseFloat((await checked.textContent()) ?? "NaN");
  }

  async uploadStartFrame(name: string, png: Buffer) {
    const answer = await this.uploadTo(this.startFrameInput, { name, mimeType: "image/png", buffer: png });
    await expect(this.page.getByRole("img", { name: `Start frame: ${name}` })).toBeVisible();
    return answer;
  }

  generate(): Promise<JobRecord> {
    return this.submitJob(this.generateButton);
  }

  /** Waits for `loadedmetadata` on the result video and reads its size and length. */
  metadata(): Promise<VideoMetadata> {
    return this.video.evaluate(async (el: HTMLVideoElement) => {
      if (el.readyState < HTMLMediaElement.HAVE_METADATA) {
        await new Promise<void>((resolve, reject) => {
          el.addEventListener("loadedmetadata", () => resolve(), { once: true });
          el.addEventListener("error", () => reject(new Error(`video error ${el.error?.code}: ${el.error?.message}`)), { once: true });
        });
      }
      return { videoWidth: el.videoWidth, videoHeight: el.videoHeight, duration: el.duration, src: el.currentSrc || el.src };
    });
  }

  /** Seeks the result video and resolves with its position once `seeked` fires. */
  seek(seconds: number): Promise<number> {
    return this.video.evaluate(
      (el: HTMLVideoElement, t: number) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("no seeked event within 10 s")), 10_000);
          el.addEventListener("seeked", () => { clearTimeout(timer); resolve(el.currentTime); }, { once: true });
          el.pause();
          el.currentTime = t;
        }),
      seconds,
    );
  }

  get downloadLink(): Locator {
    return this.newest.getByRole("link", { name: /^Download .*\.mp4$/ });
  }
}
