import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { TEST_KEYS } from "../playwright.config";
import { BackgroundPage } from "./pages/background-page";
import { ControlPage } from "./pages/control-page";
import { HistoryPage } from "./pages/history-page";
import { HomePage } from "./pages/home-page";
import { ImagePage } from "./pages/image-page";
import { InpaintPage } from "./pages/inpaint-page";
import { JobPage } from "./pages/job-page";
import { PromptsPage } from "./pages/prompts-page";
import { SpeechPage } from "./pages/speech-page";
import { TextPage } from "./pages/text-page";
import { TranscribePage } from "./pages/transcribe-page";
import { VideoPage } from "./pages/video-page";
import { StudioApi } from "./support/api";
import { acquireExclusive, acquireShared } from "./support/engine-lock";

export { expect, TEST_KEYS };

export type EngineKnobs = { latencyMs: number; failureRate: number; concurrency: number };

/** The local engine's run-time knobs (POST /api/local/control; the server runs with STUDIO_LOCAL_CONTROL=1). */
export class Engine {
  constructor(private readonly request: APIRequestContext) {}

  async knobs(): Promise<EngineKnobs> {
    const res = await this.request.get("/api/local/control");
    expect(res.status()).toBe(200);
    return (await res.json()) as EngineKnobs;
  }

  async set(patch: Partial<EngineKnobs>): Promise<EngineKnobs> {
    const res = await this.request.post("/api/local/control", { data: patch });
    expect(res.status(), await res.text()).toBe(200);
    const knobs = (await res.json()) as EngineKnobs;
    expect(knobs).toMatchObject(patch);
    return knobs;
  }
}

type Fixtures = {
  homePage: HomePage;
  imagePage: ImagePage;
  inpaintPage: InpaintPage;
  videoPage: VideoPage;
  transcribePage: TranscribePage;
  backgroundPage: BackgroundPage;
  speechPage: SpeechPage;
  controlPage: ControlPage;
  promptsPage: PromptsPage;
  textPage: TextPage;
  historyPage: HistoryPage;
  jobPage: JobPage;
  api: StudioApi;
  /** Changes the engine's knobs; restored to what they were after the test. Needs `exclusiveEngine`. */
  engine: Engine;
  /**
   * Option: this test changes engine knobs, so it must have the engine to itself. Other workers'
   * tests wait meanwhile (see support/engine-lock.ts); set it with `test.use({ exclusiveEngine: true })`.
   */
  exclusiveEngine: boolean;
  /**
   * Option: this test runs jobs on the local engine (the default). Tests that only load pages
   * or draft prompts (the LLM side has no knobs) set it to false and skip the engine lock.
   */
  usesEngine: boolean;
  engineLock: void;
};

export const test = base.extend<Fixtures>({
  exclusiveEngine: [false, { option: true }],
  usesEngine: [true, { option: true }],

  engineLock: [
    async ({ exclusiveEngine, usesEngine }, use) => {
      const release = exclusiveEngine ? await acquireExclusive() : usesEngine ? await acquireShared() : () => undefined;
      try {
        await use();
      } finally {
        release();
      }
    },
    { auto: true, title: "engine lock" },
  ],

  // Any test whose page throws an uncaught exception, or trips the page's Content-Security-Policy
  // (even where the page's own code catches it, as with eval), fails whatever the test itself checks.
  page: async ({ page }, use) => {
    const errors: string[] = [];
    const violations: string[] = [];
    page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.name}: ${err.message}`));
    await page.exposeBinding("__reportCspViolation", (_source, v: string) => void violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
        report(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"}`);
      });
    });
    await use(page);
    expect(errors, "uncaught exceptions in the page").toEqual([]);
    expect(violations, "Content-Security-Policy violations in the page").toEqual([]);
  },

  engine: async ({ request, exclusiveEngine, engineLock }, use) => {
    void engineLock; // set up first and torn down last: knobs are restored while the lock is held
    if (!exclusiveEngine) throw new Error("A test that changes engine knobs needs test.use({ exclusiveEngine: true }).");
    const engine = new Engine(request);
    const before = await engine.knobs();
    try {
      await use(engine);
    } finally {
      await engine.set(before);
    }
  },

  api: async ({ request }, use) => use(new StudioApi(request)),
  homePage: async ({ page }, use) => use(new HomePage(page)),
  imagePage: async ({ page }, use) => use(new ImagePage(page)),
  inpaintPage: async ({ page }, use) => use(new InpaintPage(page)),
  videoPage: async ({ page }, use) => use(new VideoPage(page)),
  transcribePage: async ({ page }, use) => use(new TranscribePage(page)),
  backgroundPage: async ({ page }, use) => use(new BackgroundPage(page)),
  speechPage: async ({ page }, use) => use(new SpeechPage(page)),
  controlPage: async ({ page }, use) => use(new ControlPage(page)),
  promptsPage: async ({ page }, use) => use(new PromptsPage(page)),
  textPage: async ({ page }, use) => use(new TextPage(page)),
  historyPage: async ({ page }, use) => use(new HistoryPage(page)),
  jobPage: async ({ page }, use) => use(new JobPage(page)),
});
