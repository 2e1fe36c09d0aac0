import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { TEST_KEYS } from "../../playwright.config";
import { sendBigBody } from "../support/big-body";
import { freePort, startOwnServer, type OwnServer } from "../support/own-server";

/**
 * The local engine's storage, attacked through the studio's fal proxy on the production build:
 * it stores only media, a gigabyte PUT leaves nothing on disk, and a stored file that is really a
 * page never runs script on the studio's origin.
 */

const INITIATE = "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3";
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const PAGE = "<html><script>document.title = 'script ran'; fetch('/api/jobs');</script></html>";

let server: OwnServer;
let dataDir: string;
const filesDir = () => path.join(dataDir, "engine", "files");

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-storage-"));
  server = await startOwnServer(await freePort(), {
    STUDIO_ENGINE: "local",
    FAL_KEY: TEST_KEYS.fal,
    OPENAI_API_KEY: TEST_KEYS.openai,
    STUDIO_DATA_DIR: dataDir,
    STUDIO_LOCAL_LATENCY_MS: "400",
    STUDIO_HTTP_RETRIES: "1",
  });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** fal's initiate through /api/fal/proxy, as a browser's @fal-ai/client sends it. */
async function initiate(contentType: string): Promise<Response> {
  return fetch(`${server.url}/api/fal/proxy`, {
    method: "POST",
    headers: { "x-fal-target-url": INITIATE, "content-type": "application/json" },
    body: JSON.stringify({ content_type: contentType, file_name: "upload" }),
  });
}

/** The engine's URLs name the origin it was reached at; the test reaches the same server here. */
const onServer = (url: string) => `${server.url}${new URL(url).pathname}`;

async function reserve(contentType: string): Promise<{ id: string; uploadUrl: string; fileUrl: string }> {
  const res = await initiate(contentType);
  expect(res.status, await res.clone().text()).toBe(200);
  const { upload_url, file_url } = (await res.json()) as { upload_url: string; file_url: string };
  return { id: upload_url.split("/").pop()!, uploadUrl: onServer(upload_url), fileUrl: onServer(file_url) };
}

const putGigabyte = (url: string, headers: Record<string, string>) => sendBigBody(url, { method: "PUT", headers, totalBytes: GiB });

function leftovers(id: string): string[] {
  return existsSync(filesDir()) ? readdirSync(filesDir()).filter((name) => name.startsWith(id)) : [];
}

/** Opens a stored file in Chromium and reports whether its script ran (title set, or /api/jobs fetched). */
async function scriptRan(page: Page, url: string): Promise<{ title: string; fetchedJobs: boolean }> {
  let fetchedJobs = false;
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/api/jobs")) fetchedJobs = true;
  });
  // A download (non-media) ends the navigation with an error; what matters is what ran.
  await page.goto(url).catch(() => undefined);
  await page.waitForTimeout(500);
  return { title: await page.title(), fetchedJobs };
}

test("initiate through the proxy refuses text/html (and svg) in fal's error shape", async () => {
  for (const type of ["text/html", "image/svg+xml"]) {
    const res = await initiate(type);
    expect(res.status).toBe(415);
    const { detail } = (await res.json()) as { detail: string };
    expect(detail).toContain(`Uploads of ${type} are not accepted`);
    expect(detail).toContain("image/png");
  }
});

test("a 1 GB PUT of unknown length is refused with 413 at the 512 MiB limit and leaves nothing on disk", async () => {
  test.setTimeout(120_000);
  const { id, uploadUrl } = await reserve("image/png");
  const res = await putGigabyte(uploadUrl, { "content-type": "image/png" });
  test.info().annotations.push({ type: "refusal", description: `413 after ${Math.round(res.sentBytes / MiB)} MiB sent, ${res.ms} ms` });
  expect(res.status, res.body).toBe(413);
  expect(JSON.parse(res.body)).toEqual({ detail: expect.stringContaining("512 MiB") });
  expect(res.sentBytes).toBeLessThan(600 * MiB);
  await expect.poll(() => leftovers(id)).toEqual([]);
  // The refused upload also ended its reservation.
  expect((await fetch(uploadUrl, { method: "PUT", body: "x", headers: { "content-type": "image/png" } })).status).toBe(404);
});

test("a PUT declaring 1 GB is refused with 413 before its body is taken", async () => {
  const { id, uploadUrl } = await reserve("image/png");
  const res = await putGigabyte(uploadUrl, { "content-type": "image/png", "content-length": String(GiB) });
  test.info().annotations.push({ type: "refusal", description: `413 after ${Math.round(res.sentBytes / MiB)} MiB sent, ${res.ms} ms` });
  expect(res.status, res.body).toBe(413);
  expect(res.sentBytes).toBeLessThan(64 * MiB);
  expect(leftovers(id)).toEqual([]);
});

test("a page uploaded as image/png is served inert, and no script runs when Chromium opens it", async ({ page }) => {
  const { uploadUrl, fileUrl } = await reserve("image/png");
  const put = await fetch(uploadUrl, { method: "PUT", body: PAGE, headers: { "content-type": "image/png" } });
  expect(put.status).toBe(200);

  const served = await fetch(fileUrl);
  expect(served.headers.get("content-type")).toBe("image/png");
  expect(served.headers.get("x-content-type-options")).toBe("nosniff");
  expect(served.headers.get("content-security-policy")).toContain("sandbox");
  expect(await served.text()).toBe(PAGE);

  expect(await scriptRan(page, fileUrl)).toEqual({ title: expect.not.stringContaining("script ran"), fetchedJobs: false });
});

test("a text/html file stored before uploads were media-only is a download; its script never runs", async ({ page }) => {
  const id = randomUUID();
  mkdirSync(filesDir(), { recursive: true });
  writeFileSync(path.join(filesDir(), id), PAGE);
  writeFileSync(path.join(filesDir(), `${id}.json`), JSON.stringify({ contentType: "text/html", fileName: "page.html" }));
  const url = `${server.url}/api/local/fal/files/${id}/page.html`;

  const served = await fetch(url);
  expect(served.headers.get("content-type")).toBe("application/octet-stream");
  expect(served.headers.get("content-disposition")).toBe("attachment");
  expect(served.headers.get("content-security-policy")).toContain("sandbox");

  expect(await scriptRan(page, url)).toEqual({ title: expect.not.stringContaining("script ran"), fetchedJobs: false });
});
