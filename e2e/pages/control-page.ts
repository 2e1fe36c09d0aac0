import { expect, type Locator, type Page, type Response } from "@playwright/test";
import type { JobRecord } from "../support/api";
import { radio, setSeed, StudioPage } from "./studio-page";

export type ControlKindLabel = "Pose" | "Depth" | "Edges";
export type MapSource = "Upload map" | "From photo" | "Draw pose";

export class ControlPage extends StudioPage {
  readonly path = "/control";
  readonly title = "Control";
  readonly navLabel = "Control";

  readonly mapInput: Locator;
  readonly photoInput: Locator;
  readonly referenceInput: Locator;
  readonly prompt: Locator;
  readonly generateButton: Locator;
  readonly editor: Locator;
  readonly derivedMap: Locator;
  readonly result: Locator;
  readonly resultMap: Locator;
  readonly resultImages: Locator;

  constructor(page: Page) {
    super(page);
    this.mapInput = page.locator("#control-map");
    this.photoInput = page.locator("#control-photo");
    this.referenceInput = page.locator("#control-reference");
    this.prompt = page.getByLabel("Prompt", { exact: true });
    this.generateButton = page.getByRole("button", { name: "Generate", exact: true });
    this.editor = page.getByTestId("pose-editor");
    this.derivedMap = page.getByTestId("derived-map");
    this.result = this.newest.getByTestId("control-result");
    this.resultMap = this.result.getByRole("img", { name: "Control map" });
    this.resultImages = this.result.getByTestId("result-image");
  }

  get settings(): Locator {
    return this.form("Control settings");
  }

  async chooseKind(kind: ControlKindLabel): Promise<void> {
    await radio(this.page, "Control", kind).click();
    await expect(radio(this.page, "Control", kind)).toHaveAttribute("aria-checked", "true");
  }

  async chooseSource(source: MapSource): Promise<void> {
    await radio(this.page, "Map", source).click();
    await expect(radio(this.page, "Map", source)).toHaveAttribute("aria-checked", "true");
  }

  /** Uploads a finished control map (Upload map). */
  async uploadMap(label: ControlKindLabel, name: string, png: Buffer) {
    const answer = await this.uploadTo(this.mapInput, { name, mimeType: "image/png", buffer: png });
    await expect(this.page.getByRole("img", { name: `${label} map: ${name}` })).toBeVisible();
    return answer;
  }

  /** Uploads a photo (From photo) and returns the map route's answer to it. */
  async uploadPhoto(name: string, png: Buffer) {
    const derived = this.page.waitForResponse((r: Response) => new URL(r.url()).pathname === "/api/control/map");
    const upload = await this.uploadTo(this.photoInput, { name, mimeType: "image/png", buffer: png });
    expect(upload.status).toBe(201);
    const res = await derived;
    return { status: res.status(), body: (await res.json()) as { url?: string; width?: number; height?: number; error?: { message: string; fields?: Record<string, string> } } };
  }

  joint(name: string): Locator {
    return this.editor.locator(`[data-joint="${name}"]`);
  }

  /** Where a joint sits in the frame, 0..1 across and down, as the editor places its handle. */
  async jointAt(name: string): Promise<{ x: number; y: number }> {
    return this.joint(name).evaluate((el: HTMLElement) => ({ x: parseFloat(el.style.left) / 100, y: parseFloat(el.style.top) / 100 }));
  }

  /** Drags a joint by (dx, dy) screen pixels with the mouse: press on it, move in steps, release. */
  async dragJoint(name: string, dx: number, dy: number): Promise<void> {
    const box = (await this.joint(name).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Types the prompt key by key, as a person does. */
  async typePrompt(text: string): Promise<void> {
    await this.prompt.click();
    await this.page.keyboard.type(text);
    await expect(this.prompt).toHaveValue(text);
  }

  setSeed(seed: number): Promise<void> {
    return setSeed(this.page, seed);
  }

  generate(): Promise<JobRecord> {
    return this.submitJob(this.generateButton);
  }

  /** An alert inside the settings form with this text. */
  alert(text: string | RegExp): Locator {
    return this.settings.getByRole("alert").filter({ hasText: text });
  }
}
