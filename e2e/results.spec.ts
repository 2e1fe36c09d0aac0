import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { makeGoForwardWav } from "./support/audio";
import { decodeRgb, makeTestPng } from "./support/media";
import type { StudioApi } from "./support/api";

/** A finished text-to-image job of `n` pictures, made through the API. */
async function imageJob(api: StudioApi, n = 1) {
  const job = await api.startJob({ task: "image", prompt: "a lighthouse on a cliff at dawn", numImages: n, imageSize: "square", steps: 4 });
  return api.waitForStatus(job.id, "done");
}

async function uploadViaApi(api: StudioApi, kind: "image" | "audio", body: Buffer, type: string): Promise<string> {
  const res = await api.request.post(`/api/uploads?kind=${kind}`, { data: body, headers: { "content-type": type } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

/** Opens "Send to…" under a result and follows one of its links, with the mouse. */
async function sendTo(page: Page, scope: Locator, menu: string | RegExp, target: string) {
  const button = scope.getByRole("button", { name: menu });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(button).toHaveAttribute("aria-expanded", "true");
  const link = page.getByRole("list", { name: menu }).getByRole("link", { name: target, exact: true });
  const linkBox = (await link.boundingBox())!;
  await page.mouse.click(linkBox.x + linkBox.width / 2, linkBox.y + linkBox.height / 2);
}

const centre = async (el: Locator) => {
  const b = (await el.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

test.describe("Results: lightbox", () => {
  test("opens by click and by Enter, steps with the arrows, zooms, and Esc returns focus to the opener", async ({ api, page }) => {
    const job = await imageJob(api, 3);
    await page.goto(`/jobs/${job.id}`);
    const openers = page.getByRole("button", { name: /^View result \d full size$/ });
    await expect(openers).toHaveCount(3);

    const first = await centre(openers.nth(0));
    await page.mouse.click(first.x, first.y);
    await expect(page.getByRole("dialog", { name: /Result 1 of 3/ })).toBeVisible();
    const dialog = page.getByRole("dialog");
    const image = dialog.getByTestId("lightbox-image");
    await expect(image).toHaveAttribute("src", job.outputs[0]!.url);

    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("dialog", { name: /Result 2 of 3/ })).toBeVisible();
    await expect(image).toHaveAttribute("src", job.outputs[1]!.url);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight"); // stays on the last
    await expect(image).toHaveAttribute("src", job.outputs[2]!.url);
    await page.keyboard.press("ArrowLeft");
    await expect(image).toHaveAttribute("src", job.outputs[1]!.url);

    // Zoom: the wheel over the picture, then + and the double-click back to fit.
    const scale = async () => Number(await image.getAttribute("data-scale"));
    const mid = await centre(image);
    await page.mouse.move(mid.x, mid.y);
    await page.mouse.wheel(0, -300);
    await expect.poll(scale).toBeGreaterThan(1.5);
    const wheeled = await scale();
    await page.keyboard.press("+");
    await expect.poll(scale).toBeGreaterThan(wheeled);
    await expect(dialog.getByTestId("lightbox-zoom")).not.toHaveText("100%");
    // A drag pans the zoomed picture.
    const before = await image.evaluate((el) => el.style.transform);
    await page.mouse.move(mid.x, mid.y);
    await page.mouse.down();
    await page.mouse.move(mid.x + 80, mid.y + 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => image.evaluate((el) => el.style.transform)).not.toBe(before);
    await page.mouse.dblclick(mid.x, mid.y);
    await expect.poll(scale).toBe(1);

    // Focus stays inside while it is open.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(openers.nth(0)).toBeFocused();

    // By keyboard: Enter on the third result opens it there.
    await openers.nth(2).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: /Result 3 of 3/ })).toBeVisible();
    await expect(page.getByRole("dialog").getByRole("link", { name: /^Download / })).toHaveAttribute("href", job.outputs[2]!.url);
    await expect(page.getByRole("dialog").getByRole("button", { name: "Share" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(openers.nth(2)).toBeFocused();
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

    test("a tap opens it and a two-finger pinch zooms", async ({ api, page }) => {
      const job = await imageJob(api);
      await page.goto(`/jobs/${job.id}`);
      const opener = page.getByRole("button", { name: "View result 1 full size" });
      await opener.scrollIntoViewIfNeeded();
      const at = await centre(opener);
      await page.touchscreen.tap(at.x, at.y);
      const image = page.getByRole("dialog").getByTestId("lightbox-image");
      await expect(image).toBeVisible();
      const mid = await centre(image);
      const cdp = await page.context().newCDPSession(page);
      const fingers = (spread: number) => [
        { x: mid.x - spread, y: mid.y, id: 0 },
        { x: mid.x + spread, y: mid.y, id: 1 },
      ];
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(20) });
      for (const spread of [40, 60, 80, 100]) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(spread) });
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      await expect.poll(async () => Number(await image.getAttribute("data-scale"))).toBeGreaterThan(2);
    });
  });
});

test.describe("Results: hand-offs", () => {
  test("an image result lands in the right field of Image, Inpaint, Video, Background and Control", async ({ api, page }) => {
    const job = await imageJob(api);
    const url = job.outputs[0]!.url;
    const jobPage = `/jobs/${job.id}`;

    await page.goto(jobPage);
    await sendTo(page, page.locator("main"), "Send to…", "Inpaint");
    await expect(page).toHaveURL(/\/inpaint\?image=/);
    await expect(page.getByTestId("mask-frame").locator("img")).toHaveAttribute("src", url);
    await expect(page.getByTestId("mask-canvas")).toBeVisible();

    await page.goto(jobPage);
    await sendTo(page, page.locator("main"), "Send to…", "Image → Image");
    await expect(page).toHaveURL(/\/image\?image=/);
    await expect(page.getByRole("radio", { name: "Image → Image" })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByRole("img", { name: /^Source image: / })).toHaveAttribute("src", url);

    await page.goto(jobPage);
    await sendTo(page, page.locator("main"), "Send to…", "Video (start frame)");
    await expect(page).toHaveURL(/\/video\?image=/);
    await expect(page.getByRole("img", { name: /^Start frame: / })).toHaveAttribute("src", url);

    await page.goto(jobPage);
    await sendTo(page, page.locator("main"), "Send to…", "Background");
    await expect(page).toHaveURL(/\/background\?image=/);
    await expect(page.getByTestId("image-field").getByRole("img")).toHaveAttribute("src", url);

    await page.goto(jobPage);
    await sendTo(page, page.locator("main"), "Send to…", "Control (edges of it)");
    await expect(page).toHaveURL(/\/control\?image=/);
    await expect(page.getByRole("radio", { name: "From photo" })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByTestId("image-field").getByRole("img")).toHaveAttribute("src", url);
  });

  test("the lightbox's Send to… works from the keyboard", async ({ api, page }) => {
    const job = await imageJob(api);
    await page.goto(`/jobs/${job.id}`);
    await page.getByRole("button", { name: "View result 1 full size" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Send to…" }).focus();
    await page.keyboard.press("Enter");
    await dialog.getByRole("link", { name: "Inpaint" }).focus();
    // Escape closes the menu only, not the lightbox.
    await page.keyboard.press("Escape");
    await expect(dialog.getByRole("link", { name: "Inpaint" })).toBeHidden();
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Enter");
    await dialog.getByRole("link", { name: "Inpaint" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/inpaint\?image=/);
    await expect(page.getByTestId("mask-frame").locator("img")).toHaveAttribute("src", job.outputs[0]!.url);
  });

  test("a transcript becomes the Image prompt and the text Speech reads", async ({ api, page }, testInfo) => {
    const audio = await uploadViaApi(api, "audio", await readFile(makeGoForwardWav(testInfo.outputPath("goforward.wav"))), "audio/wav");
    const started = await api.startJob({ task: "transcribe", audio });
    const job = await api.waitForStatus(started.id, "done", 60_000);
    const text = (job.text ?? "").trim();
    expect(text.length).toBeGreaterThan(3);

    await page.goto(`/jobs/${job.id}`);
    await sendTo(page, page.locator("main"), "Send to…", "Image prompt");
    await expect(page).toHaveURL(/\/image\?text=/);
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue(text);

    await page.goto(`/jobs/${job.id}`);
    await sendTo(page, page.locator("main"), "Send to…", "Speech");
    await expect(page).toHaveURL(/\/speech\?text=/);
    await expect(page.getByLabel("Text", { exact: true })).toHaveValue(text);
  });

  test("a video's poster frame goes to Image as its source", async ({ api, page }) => {
    const started = await api.startJob({ task: "video", prompt: "waves rolling onto a beach" });
    const job = await api.waitForStatus(started.id, "done", 90_000);
    const poster = job.outputs[0]!.posterUrl;
    expect(poster).toMatch(/^\/api\/media\/[a-f0-9]{64}\.jpg$/);
    await page.goto(`/jobs/${job.id}`);
    await sendTo(page, page.locator("main"), "Send frame to…", "Image → Image");
    await expect(page).toHaveURL(/\/image\?image=/);
    await expect(page.getByRole("img", { name: /^Source image: / })).toHaveAttribute("src", poster!);
  });

  test("a foreign, unknown or wrong-kind URL opens the page empty", async ({ api, page }) => {
    const png = await uploadViaApi(api, "image", await makeTestPng(64, 48), "image/png");
    for (const bad of ["https://example.com/a.png", `/api/media/${"0".repeat(64)}.png`, "/etc/passwd"]) {
      await page.goto(`/inpaint?image=${encodeURIComponent(bad)}`);
      await expect(page.getByText("Upload an image to start")).toBeVisible();
    }
    // An image is not audio.
    await page.goto(`/transcribe?audio=${encodeURIComponent(png)}`);
    await expect(page.getByTestId("audio-name")).toHaveCount(0);
    // The same image where it belongs does land.
    await page.goto(`/inpaint?image=${encodeURIComponent(png)}`);
    await expect(page.getByTestId("mask-canvas")).toBeVisible();
  });

  test("the public share page offers no hand-offs", async ({ api, page }) => {
    const job = await imageJob(api);
    const shared = await api.request.post(`/api/jobs/${job.id}/share`);
    expect(shared.status(), await shared.text()).toBe(200);
    const { shareId } = (await shared.json()) as { shareId: string };
    await page.goto(`/s/${shareId}`);
    await expect(page.getByTestId("result-image")).toBeVisible();
    await expect(page.getByRole("button", { name: /Send/ })).toHaveCount(0);
  });
});

test.describe("Results: paste", () => {
  test("Ctrl+V of a PNG on the page puts it into the image field and uploads it", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/background");
    await page.waitForLoadState("networkidle");
    const png = (await makeTestPng(96, 64)).toString("base64");
    // A real clipboard: the PNG is written through the async Clipboard API, then pasted with the keyboard.
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ "image/png": new Blob([bytes], { type: "image/png" }) })]);
    }, png);
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    const upload = page.waitForResponse((r) => r.url().includes("/api/uploads") && r.request().method() === "POST");
    await page.keyboard.press("Control+V");
    expect((await upload).status()).toBe(201);
    const thumb = page.getByTestId("image-field").getByRole("img");
    // Kept as the studio's stored copy, so the draft brings it back after a reload.
    await expect(thumb).toHaveAttribute("src", /^\/api\/media\//);
    await expect(page.getByTestId("image-field")).toContainText("96×64");
  });
});

test.describe("Mask editor: zoom, pan and feather", () => {
  const W = 640;
  const H = 480;

  async function maskOf(api: StudioApi, page: Page) {
    await page.getByLabel("Prompt", { exact: true }).fill("a bouquet of flowers");
    const created = page.waitForResponse((r) => r.url().endsWith("/api/jobs") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Inpaint", exact: true }).click();
    const job = (await (await created).json()) as { input: { mask: string } };
    return decodeRgb(await api.bytes(job.input.mask));
  }

  test("painting at zoom 2 marks the mask pixel under the pointer", async ({ api, page }) => {
    const png = await uploadViaApi(api, "image", await makeTestPng(W, H), "image/png");
    await page.goto(`/inpaint?image=${encodeURIComponent(png)}`);
    const canvas = page.getByTestId("mask-canvas");
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width > 1)).toBe(true);
    await page.getByRole("button", { name: "Zoom in", exact: true }).click();
    await page.getByRole("button", { name: "Zoom in", exact: true }).click();
    await expect(page.getByTestId("mask-zoom")).toHaveText("225%");
    // Pan with a middle-button drag, then with space + drag, so the mapping is checked off-centre too; neither paints.
    const frame = page.getByTestId("mask-frame");
    const transform = () => frame.evaluate((el) => el.style.transform);
    const stage = await centre(canvas);
    const before = await transform();
    await page.mouse.move(stage.x, stage.y);
    await page.mouse.down({ button: "middle" });
    await page.mouse.move(stage.x + 60, stage.y + 30, { steps: 4 });
    await page.mouse.up({ button: "middle" });
    await expect.poll(transform).not.toBe(before);
    const afterMiddle = await transform();
    await page.keyboard.down(" ");
    await page.mouse.down();
    await page.mouse.move(stage.x + 20, stage.y + 50, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up(" ");
    await expect.poll(transform).not.toBe(afterMiddle);
    await expect(page.getByText("Nothing painted yet")).toBeVisible();

    // A dot where the pointer is.
    const box = (await canvas.boundingBox())!;
    const dot = { x: stage.x + 20, y: stage.y - 10 };
    await page.mouse.move(dot.x, dot.y);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByText("Violet = change · the rest is kept")).toBeVisible();

    const mask = await maskOf(api, page);
    const px = Math.round(((dot.x - box.x) / box.width) * W);
    const py = Math.round(((dot.y - box.y) / box.height) * H);
    const at = (x: number, y: number) => mask.data[(y * mask.width + x) * 3]!;
    expect(at(px, py)).toBe(255);
    // Far from the dot nothing is painted.
    expect(at(Math.max(0, px - 150), py)).toBe(0);
    expect(at(Math.min(W - 1, px + 150), py)).toBe(0);
  });

  for (const feather of [0, 16]) {
    test(`a feather of ${feather} px ${feather ? "softens" : "keeps hard"} the mask's edge`, async ({ api, page }) => {
      const png = await uploadViaApi(api, "image", await makeTestPng(W, H), "image/png");
      await page.goto(`/inpaint?image=${encodeURIComponent(png)}`);
      const canvas = page.getByTestId("mask-canvas");
      await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width > 1)).toBe(true);
      const slider = page.getByRole("slider", { name: "Feather" });
      await slider.focus();
      for (let i = 0; i < feather / 2; i++) await page.keyboard.press("ArrowRight");
      await expect(slider).toHaveValue(String(feather));
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 8 });
      await page.mouse.up();
      const mask = await maskOf(api, page);
      let soft = 0;
      let white = 0;
      for (let i = 0; i < mask.data.length; i += 3) {
        const v = mask.data[i]!;
        if (v === 255) white++;
        else if (v > 0) soft++;
      }
      expect(white).toBeGreaterThan(100);
      if (feather) expect(soft).toBeGreaterThan(100);
      else expect(soft).toBe(0);
    });
  }
});
