import { devices } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import type { StudioApi } from "./support/api";

const TASK_PAGES = ["/", "/image", "/inpaint", "/video", "/transcribe", "/speech", "/background", "/control", "/prompts", "/text", "/history", "/no-such-page"];

const SIZES = {
  desktop: { viewport: { width: 1440, height: 900 } },
  phone: { viewport: devices["Pixel 7"].viewport, isMobile: true, hasTouch: true },
} as const;

/** Jobs whose result views differ (images, video, audio, transcript), finished; with one share link. */
async function finishedJobs(api: StudioApi): Promise<{ jobPages: string[]; sharePage: string }> {
  const image = await api.startJob({ task: "image", prompt: "an accessible lighthouse", imageSize: "square", numImages: 2 });
  const video = await api.startJob({ task: "video", prompt: "waves on a basalt shore" });
  const speech = await api.startJob({ task: "speech", text: "Readable in both themes.", voice: "af_bella" });
  const spoken = await api.waitForStatus(speech.id, "done");
  const transcript = await api.startJob({ task: "transcribe", audio: spoken.outputs[0]!.url });
  for (const job of [image, video, transcript]) await api.waitForStatus(job.id, "done");
  const shared = await api.request.post(`/api/jobs/${image.id}/share`);
  expect(shared.status(), await shared.text()).toBe(200);
  const { shareId } = (await shared.json()) as { shareId: string };
  return { jobPages: [image, video, speech, transcript].map((j) => `/jobs/${j.id}`), sharePage: `/s/${shareId}` };
}

for (const [size, options] of Object.entries(SIZES)) {
  for (const colorScheme of ["dark", "light"] as const) {
    test.describe(`axe, ${size}, ${colorScheme} (following the system setting)`, () => {
      test.use({ ...options, colorScheme });

      for (const path of TASK_PAGES) {
        test(`${path} has no serious or critical violation before a job is run`, async ({ page }) => {
          await page.goto(path);
          await expect(page.locator("html")).toHaveAttribute("data-theme", colorScheme);
          await expectNoSeriousViolations(page, path);
        });
      }

      test("result views have none after jobs ran: the Image pane, job pages, History and the share page", async ({ imagePage, api, page }) => {
        test.slow();
        await imagePage.goto();
        await imagePage.prompt.fill("a result to scan");
        const job = await imagePage.generate();
        await imagePage.expectJobStatus("done");
        await expect(imagePage.resultImages.first()).toBeVisible();
        await expectNoSeriousViolations(page, `/image with job ${job.id} done`);

        const { jobPages, sharePage } = await finishedJobs(api);
        for (const path of [...jobPages, "/history", sharePage]) {
          await page.goto(path);
          await expectNoSeriousViolations(page, path);
        }
      });
    });
  }
}
