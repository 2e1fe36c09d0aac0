import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests run against the production build (`next start`) on the embedded local engine,
 * with dummy keys configured: the engine demands them, so a test proves the server adds them,
 * and the secrets test proves they never reach the browser.
 */
export const TEST_KEYS = { fal: "fal-e2e-key-7c1d9a52e4b8", openai: "sk-e2e-openai-3b6f20d9c5a1" };
const PORT = Number(process.env.E2E_PORT ?? 3311);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "studio-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // DOM snapshots without the screencast: recording screenshots for every test cost about a
    // third of the suite's run time on 2 cores. Failing tests still get a screenshot (below).
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
      ],
    },
  },
  globalTeardown: "./e2e/support/teardown.ts",
  webServer: {
    command: `./node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      STUDIO_ENGINE: "local",
      FAL_KEY: TEST_KEYS.fal,
      OPENAI_API_KEY: TEST_KEYS.openai,
      STUDIO_DATA_DIR: dataDir,
      STUDIO_LOCAL_CONTROL: "1",
      STUDIO_LOCAL_LATENCY_MS: "400",
      STUDIO_HTTP_RETRIES: "1",
    },
  },
});
