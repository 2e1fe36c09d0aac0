import { scriptSources } from "../bench/first-load-js";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

// zod's classic API names its schema classes this way; zod/mini's are "ZodMiniObject" and core's
// "$ZodObject", so only the full, non-tree-shakable zod (~31 KB gzip) matches.
const FULL_ZOD = /["']ZodObject["']/;
// Any zod: the core both the full zod and zod/mini build on names its base class this way.
const ANY_ZOD = /["']\$ZodType["']/;

test.describe("Client bundle", () => {
  test.use({ usesEngine: false });

  // The home page loads only what the shell (layouts, sidebar) needs: what every page loads. The
  // task schemas reached it once through the sidebar's list; the server now renders that list.
  test("the scripts every page loads carry no full zod", async ({ request, baseURL }) => {
    await expectNoZod(request, baseURL!, "/");
  });

  // The generator pages load no zod with the page: a stored draft's or feed's checks (zod/mini) load
  // when a page finds one, the task schemas (full zod) on submit, the API's answers' schemas with the
  // first answer, the result views with the first job.
  for (const page of ["/image", "/inpaint", "/video", "/transcribe", "/background", "/control", "/text", "/prompts", "/speech"]) {
    test(`${page} loads no zod with the page`, async ({ request, baseURL }) => {
      await expectNoZod(request, baseURL!, page, ANY_ZOD);
    });
  }

  // The browser's own view: what it fetches on a first visit, and that a stored draft still loads
  // its checks and comes back (the schemas are in a chunk that no page lists).
  test("a page loads zod only when it finds a stored draft, and restores that draft", async ({ imagePage, page }) => {
    const zodScripts: string[] = [];
    page.on("response", async (res) => {
      if (res.request().resourceType() === "script" && ANY_ZOD.test(await res.text().catch(() => ""))) zodScripts.push(res.url());
    });
    await imagePage.goto();
    await page.waitForLoadState("networkidle");
    expect(zodScripts, "a first visit").toEqual([]);
    // Nothing typed and no job: nothing is kept, so opening the page again loads no zod either.
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(zodScripts, "a second visit with nothing to restore").toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("studio:")))).toEqual([]);

    // A change is kept; put back as it was, the draft is forgotten again.
    await imagePage.prompt.fill("a lighthouse");
    await expect.poll(() => page.evaluate(() => localStorage.getItem("studio:draft:v1:image"))).toContain("a lighthouse");
    await imagePage.prompt.fill("");
    await expect.poll(() => page.evaluate(() => localStorage.getItem("studio:draft:v1:image"))).toBeNull();

    await page.evaluate(() => localStorage.setItem("studio:draft:v1:image", JSON.stringify({ prompt: "a lighthouse kept", steps: 999 })));
    await page.reload();
    await expect(imagePage.prompt).toHaveValue("a lighthouse kept");
    await expect(page.locator("#steps"), "a field that does not fit takes its default").toHaveValue("28");
    expect(zodScripts.length, "a visit with a stored draft").toBeGreaterThan(0);
  });
});

test.describe("Client bundle of the pages of a job", () => {
  // The job, History and share pages get what the task definitions say of their jobs from the
  // server, which renders a finished job's result; the browser checks the API's answers with schemas
  // it loads with the first answer.
  test("the job, History and share pages load no zod with the page", async ({ api, request, baseURL }) => {
    const job = await api.startJob({ task: "image", prompt: "a lighthouse at dawn", imageSize: "square" });
    await api.waitForStatus(job.id, "done");
    const shared = await request.post(`/api/jobs/${job.id}/share`);
    expect(shared.status(), await shared.text()).toBe(200);
    const { shareId } = (await shared.json()) as { shareId: string };
    for (const page of [`/jobs/${job.id}`, "/history", `/s/${shareId}`]) await expectNoZod(request, baseURL!, page, ANY_ZOD);
  });
});

async function expectNoZod(request: APIRequestContext, baseURL: string, page: string, zod = FULL_ZOD) {
  const res = await request.get(page);
  expect(res.status(), page).toBe(200);
  const sources = scriptSources(await res.text(), new URL(page, baseURL).href);
  expect(sources.length).toBeGreaterThan(3);
  for (const { url } of sources) {
    const js = await (await request.get(url)).text();
    expect(zod.test(js), `${page}: ${new URL(url).pathname} bundles ${zod === FULL_ZOD ? "the full zod" : "zod"}`).toBe(false);
  }
}
