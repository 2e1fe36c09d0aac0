import sharp from "sharp";
import { expect, test } from "./fixtures";
import { naturalSize, radio } from "./pages/studio-page";
import { recordJobPosts } from "./support/job-posts";

// A red square on a light grey field: its edges are a square outline.
const PW = 320;
const PH = 240;
const SQUARE = { x0: 100, y0: 60, x1: 220, y1: 180 };
const squarePhoto = () =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${PW}" height="${PH}"><rect width="${PW}" height="${PH}" fill="#dcdcdc"/><rect x="${SQUARE.x0}" y="${SQUARE.y0}" width="${SQUARE.x1 - SQUARE.x0}" height="${SQUARE.y1 - SQUARE.y0}" fill="#b4141e"/></svg>`)).png().toBuffer();
/** A depth map as a person would bring one: white (near) at the bottom fading to black (far) at the top. */
const depthMap = (width = 512, height = 384) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#g)"/></svg>`)).png().toBuffer();

async function rgbAt(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)) };
}

/** The picture size that keeps a map's shape (lib/tasks/control/definition.ts sizeForMap), for the sizes used here. */
const PICTURE_FOR = { portrait768x1024: { width: 888, height: 1184 }, depth512x384: { width: 1184, height: 888 } };

test.describe("Control", () => {
  test("draw a pose by dragging a joint with the mouse, generate: the picture beside the drawn map", async ({ controlPage, api, page }) => {
    await controlPage.goto();
    await expect(radio(page, "Control", "Pose")).toHaveAttribute("aria-checked", "true");
    await expect(radio(page, "Map", "Draw pose")).toHaveAttribute("aria-checked", "true");
    await expect(controlPage.editor).toBeVisible();

    const before = await controlPage.jointAt("right_wrist");
    await controlPage.dragJoint("right_wrist", -60, -160);
    const after = await controlPage.jointAt("right_wrist");
    expect(after.y).toBeLessThan(before.y - 0.1);
    expect(after.x).toBeLessThan(before.x);

    await controlPage.typePrompt("a dancer on a pier at dusk");
    await controlPage.setSeed(5);
    const job = await controlPage.generate();
    expect(job.input).toMatchObject({ task: "control", kind: "pose", prompt: "a dancer on a pier at dusk", seed: 5, strength: 1 });
    expect(job.endpointId).toBe("fal-ai/sdxl-controlnet-union");
    await controlPage.expectJobStatus("done");
    await expect(controlPage.resultMap).toBeVisible();
    await expect(controlPage.resultMap).toHaveAttribute("src", (job.input as { map: string }).map);
    await expect(controlPage.resultImages).toHaveCount(1);
    expect(await naturalSize(controlPage.resultImages.first())).toEqual(PICTURE_FOR.portrait768x1024);
    await page.screenshot({ path: test.info().outputPath("control-pose.png"), fullPage: true });

    // The uploaded map is the drawn skeleton at 768×1024: the right wrist's own colour where it was dragged to.
    const map = await rgbAt(await api.bytes((job.input as { map: string }).map));
    expect([map.width, map.height]).toEqual([768, 1024]);
    expect(map.at(Math.round(after.x * 768), Math.round(after.y * 1024))).toEqual([170, 255, 0]);
    expect(map.at(5, 5)).toEqual([0, 0, 0]);
  });

  test("unticking \"Match the map's shape\" from the keyboard brings the size field (loaded then); the chosen size is the picture's", async ({ controlPage, page }) => {
    await controlPage.goto();
    const match = page.getByRole("checkbox", { name: "Match the map's shape" });
    await expect(match).toBeChecked();
    await expect(page.locator("#image-size")).toHaveCount(0);
    await match.focus();
    await page.keyboard.press("Space");
    await expect(match).not.toBeChecked();
    const size = page.locator("#image-size");
    await expect(size).toBeVisible();
    await size.selectOption("landscape_4_3");

    await controlPage.typePrompt("a dancer on a pier at dusk");
    const job = await controlPage.generate();
    expect(job.input).toMatchObject({ kind: "pose", imageSize: "landscape_4_3" });
    await controlPage.expectJobStatus("done");
    await expect(controlPage.resultImages).toHaveCount(1);
    expect(await naturalSize(controlPage.resultImages.first())).toEqual({ width: 1024, height: 768 });
  });

  test("the pose editor from the keyboard: arrows nudge the joint the mouse picked, Delete hides it and its Show button brings it back", async ({ controlPage, page }) => {
    await controlPage.goto();
    const wrist = controlPage.joint("left_wrist");
    const box = (await wrist.boundingBox())!;
    // A press without a move picks the joint (and focuses it) without moving it.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(wrist).toBeFocused();
    const before = await controlPage.jointAt("left_wrist");

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowUp");
    const after = await controlPage.jointAt("left_wrist");
    expect(after.x).toBeCloseTo(before.x + 0.01, 3); // lib/pose/input.ts NUDGE
    expect(after.y).toBeCloseTo(before.y - 0.05, 3); // LARGE_NUDGE
    await expect(controlPage.editor.locator("[aria-live]")).toHaveText(/^Left wrist at \d+% across, \d+% down$/);

    await page.keyboard.press("Delete");
    await expect(wrist).toHaveCount(0);
    const showButton = page.getByRole("button", { name: "Show left wrist" });
    await expect(showButton).toBeFocused();
    await expect(controlPage.editor.locator("[aria-live]")).toHaveText("Left wrist hidden");
    await page.keyboard.press("Enter");
    await expect(wrist).toBeFocused();
    await expect(showButton).toHaveCount(0);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

    test("a finger drags a joint, from a touch a little off its handle", async ({ controlPage, page }) => {
      await controlPage.goto();
      const wrist = controlPage.joint("right_wrist");
      await wrist.scrollIntoViewIfNeeded();
      const before = await controlPage.jointAt("right_wrist");
      const box = (await wrist.boundingBox())!;
      const [x, y] = [box.x + box.width / 2 + 10, box.y + box.height / 2];
      // Playwright's touchscreen only taps; a drag is touch events through the DevTools protocol.
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: "touchStart" | "touchMove" | "touchEnd", px: number, py: number) =>
        cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x: px, y: py }] });
      await touch("touchStart", x, y);
      for (let step = 1; step <= 8; step++) await touch("touchMove", x - 5 * step, y - 10 * step);
      await touch("touchEnd", x - 40, y - 80);
      const after = await controlPage.jointAt("right_wrist");
      const frame = (await controlPage.editor.locator("[data-joint]").first().evaluate((el) => el.parentElement!.getBoundingClientRect().toJSON())) as { width: number; height: number };
      expect(after.x).toBeCloseTo(before.x - 40 / frame.width, 2);
      expect(after.y).toBeCloseTo(before.y - 80 / frame.height, 2);
    });
  });

  test("edges from an uploaded photo: the map is drawn and shown at once, then the picture follows it", async ({ controlPage, api, page }) => {
    await controlPage.goto();
    await controlPage.chooseKind("Edges");
    await expect(radio(page, "Map", "From photo")).toHaveAttribute("aria-checked", "true");
    // Only a pose can be drawn.
    await expect(radio(page, "Map", "Draw pose")).toHaveCount(0);
    const derived = await controlPage.uploadPhoto("square.png", await squarePhoto());
    expect(derived.status).toBe(201);
    expect(derived.body).toMatchObject({ width: PW, height: PH });
    const shown = controlPage.derivedMap.getByRole("img", { name: "Edges map drawn from the photo" });
    await expect(shown).toHaveAttribute("src", derived.body.url!);
    expect(await naturalSize(shown)).toEqual({ width: PW, height: PH });
    await expect(controlPage.derivedMap).toContainText(`Edges map · ${PW}×${PH}`);

    const edges = await rgbAt(await api.bytes(derived.body.url!));
    expect(edges.at(160, 120)).toEqual([0, 0, 0]); // inside the square: no edge
    const onOutline = [SQUARE.y0 - 1, SQUARE.y0, SQUARE.y0 + 1].some((y) => edges.at(160, y)[0] === 255);
    expect(onOutline, "the square's top edge is in the map").toBe(true);

    await controlPage.typePrompt("an ink drawing of a cabin");
    const job = await controlPage.generate();
    expect(job.input).toMatchObject({ kind: "edges", map: derived.body.url });
    expect(job.endpointId).toBe("fal-ai/flux-control-lora-canny");
    await controlPage.expectJobStatus("done");
    await expect(controlPage.resultMap).toHaveAttribute("src", derived.body.url!);
    expect(await naturalSize(controlPage.resultImages.first())).toEqual({ width: 1184, height: 888 });
    await page.screenshot({ path: test.info().outputPath("control-edges.png"), fullPage: true });
  });

  test("depth from a photo on the local engine: the refusal is shown by the photo, and nothing is generated", async ({ controlPage, page }) => {
    const jobPosts = recordJobPosts(page);
    await controlPage.goto();
    await controlPage.chooseKind("Depth");
    await controlPage.chooseSource("From photo");
    const derived = await controlPage.uploadPhoto("square.png", await squarePhoto());
    expect(derived.status).toBe(422);
    expect(derived.body.error?.fields?.image).toMatch(/cannot estimate depth/);
    await expect(controlPage.alert(/The local engine cannot estimate depth from a photo\. Upload a depth map instead/)).toBeVisible();
    await expect(controlPage.alert(/FAL_KEY/)).toBeVisible();
    await expect(controlPage.derivedMap).toHaveCount(0);
    await controlPage.typePrompt("rolling hills");
    await controlPage.generateButton.click();
    await expect(controlPage.jobStatus).toHaveCount(0);
    expect(jobPosts).toEqual([]);
    // The way out it offers: bring a depth map instead.
    await controlPage.settings.getByRole("button", { name: "Upload a depth map instead" }).click();
    await expect(radio(page, "Map", "Upload map")).toHaveAttribute("aria-checked", "true");
    await expect(controlPage.mapInput).toBeAttached();
  });

  test("upload a depth map and generate: the picture takes the map's shape", async ({ controlPage, page }) => {
    await controlPage.goto();
    await controlPage.chooseKind("Depth");
    await expect(radio(page, "Map", "Upload map")).toHaveAttribute("aria-checked", "true");
    const upload = await controlPage.uploadMap("Depth", "depth.png", await depthMap());
    expect(upload.status).toBe(201);
    await controlPage.typePrompt("rolling hills under a low sun");
    const job = await controlPage.generate();
    expect(job.input).toMatchObject({ kind: "depth", map: upload.body.url });
    expect(job.endpointId).toBe("fal-ai/flux-control-lora-depth");
    await controlPage.expectJobStatus("done");
    await expect(controlPage.resultMap).toHaveAttribute("src", upload.body.url!);
    expect(await naturalSize(controlPage.resultImages.first())).toEqual(PICTURE_FOR.depth512x384);
    await expect(controlPage.result.getByRole("link", { name: /^Download / }).first()).toHaveAttribute("download", /^rolling-hills-under-a-low-sun-seed\d+-1\.png$/);
  });

  test("a map smaller than 64 px on a side is refused by the map field", async ({ controlPage }) => {
    await controlPage.goto();
    await controlPage.chooseKind("Depth");
    await controlPage.uploadMap("Depth", "tiny.png", await depthMap(48, 48));
    await controlPage.typePrompt("hills");
    await controlPage.generateButton.click();
    // By the map field (the form's summary alert repeats it).
    await expect(controlPage.settings.locator("p[role=alert]").filter({ hasText: "This image is 48×48; it must be at least 64 px on each side." })).toBeVisible();
    await expect(controlPage.jobStatus).toHaveCount(0);
  });

  test("History's Control filter, the job page against its map, the share page, and Remix bringing kind, map and settings back", async ({ controlPage, historyPage, jobPage, api, page, browser }) => {
    await controlPage.goto();
    await controlPage.chooseKind("Depth");
    const upload = await controlPage.uploadMap("Depth", "depth.png", await depthMap());
    await controlPage.typePrompt("a misty valley");
    await page.locator("#strength-exact").fill("0.6");
    await controlPage.setSeed(42);
    const job = await controlPage.generate();
    const done = await api.waitForStatus(job.id, "done");
    expect(done.input).toMatchObject({ kind: "depth", strength: 0.6, seed: 42 });

    await historyPage.goto();
    await radio(page, "Task", "Control").click();
    await expect(page).toHaveURL(/[?&]task=control\b/);
    const card = page.locator(`[data-job-card="${job.id}"]`);
    await expect(card).toBeVisible();
    await expect(card).toContainText("Depth · 1 image · 1184×888");
    await expect(historyPage.cards.and(page.locator(":not([data-task=control])"))).toHaveCount(0);
    await expect(card.locator("img")).toHaveAttribute("src", done.outputs[0]!.url);

    await card.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${job.id}$`));
    const compare = page.getByTestId("control-result");
    await expect(compare.getByRole("img", { name: "Control map" })).toHaveAttribute("src", upload.body.url!);
    await expect(page.getByText("Control strength")).toBeVisible();

    await jobPage.shareButton.click();
    const shareUrl = await jobPage.publicLink.inputValue();
    const stranger = await browser.newContext();
    try {
      const other = await stranger.newPage();
      expect((await other.goto(shareUrl))?.status()).toBe(200);
      const shown = other.getByRole("img", { name: /^Result 1/ });
      await expect(shown).toHaveAttribute("src", done.outputs[0]!.url);
      await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1184);
      await expect(other.getByRole("img", { name: "Control map" })).toHaveCount(0);
    } finally {
      await stranger.close();
    }

    await page.getByTestId("remix-link").click();
    await expect(page).toHaveURL(new RegExp(`/control\\?remix=${job.id}$`));
    await controlPage.waitForHydration();
    await expect(radio(page, "Control", "Depth")).toHaveAttribute("aria-checked", "true");
    await expect(radio(page, "Map", "Upload map")).toHaveAttribute("aria-checked", "true");
    await expect(page.getByRole("img", { name: /^Depth map: / })).toHaveAttribute("src", upload.body.url!);
    await expect(controlPage.prompt).toHaveValue("a misty valley");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("42");
    await expect(page.getByLabel("Control strength", { exact: true })).toHaveValue("0.6");
    const again = await controlPage.generate();
    expect(again.input).toMatchObject({ kind: "depth", map: upload.body.url, prompt: "a misty valley", strength: 0.6, seed: 42 });
    const redone = await api.waitForStatus(again.id, "done");
    // Same map, prompt, settings and seed: the same picture, byte for byte.
    expect((await api.bytes(redone.outputs[0]!.url)).equals(await api.bytes(done.outputs[0]!.url))).toBe(true);
  });

  test.describe("input checks", () => {
    test.use({ usesEngine: false });

    test("a missing map and a missing prompt are refused at their fields, and no job starts", async ({ controlPage, page }) => {
      const jobPosts = recordJobPosts(page);
      await controlPage.goto();
      await controlPage.chooseSource("Upload map");
      await controlPage.typePrompt("a dancer");
      await controlPage.generateButton.click();
      await expect(controlPage.alert("Add a control map")).toBeVisible();

      await controlPage.chooseSource("Draw pose");
      await expect(controlPage.editor).toBeVisible();
      await controlPage.prompt.fill("   ");
      await controlPage.generateButton.click();
      await expect(controlPage.alert("Describe what you want")).toBeVisible();
      await expect(controlPage.prompt).toHaveAttribute("aria-invalid", "true");
      await expect(controlPage.prompt).toHaveAccessibleDescription(/Describe what you want/);
      await expect(controlPage.jobStatus).toHaveCount(0);
      expect(jobPosts).toEqual([]);
    });

    test("API: a control job without a map answers 422 naming the map; a photo map route without a photo names the image", async ({ api, request }) => {
      const res = await api.createJob({ task: "control", kind: "pose", prompt: "a dancer" });
      expect(res.status()).toBe(422);
      expect(await res.json()).toMatchObject({ error: { code: "validation", fields: { map: "Add a control map" } } });
      const map = await request.post("/api/control/map", { data: { kind: "edges" } });
      expect(map.status()).toBe(422);
      expect(await map.json()).toMatchObject({ error: { code: "validation", fields: { image: "Upload a photo to draw the map from" } } });
    });
  });
});
