import { scriptSources } from "../bench/first-load-js";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

// zod's classic API names its schema classes this way; zod/mini's are "ZodMiniObject" and core's
// "$ZodObject", so only the full, non-tree-shakable zod (~31 KB gzip) matches.
const FULL_ZOD = /["']ZodObject["']/;

test.describe("Client bundle", () => {
  test.use({ usesEngine: false });

  // The home page loads only what the shell (layouts, sidebar) needs: what every page loads. The
  // task schemas reached it once through the sidebar's list; the server now renders that list.
  test("the scripts every page loads carry no full zod", async ({ request, baseURL }) => {
    await expectNoFullZod(request, baseURL!, "/");
  });

  // The generator pages check drafts with zod/mini; the task schemas (full zod) load on submit,
  // the API's answers' schemas with the first answer, the result views with the first job.
  for (const page of ["/image", "/inpaint", "/video", "/transcribe", "/background", "/control", "/text", "/prompts", "/speech"]) {
    test(`${page} loads no full zod with the page`, async ({ request, baseURL }) => {
      await expectNoFullZod(request, baseURL!, page);
    });
  }
});

async function expectNoFullZod(request: APIRequestContext, baseURL: string, page: string) {
  const sources = scriptSources(await (await request.get(page)).text(), new URL(page, baseURL).href);
  expect(sources.length).toBeGreaterThan(3);
  for (const { url } of sources) {
    const js = await (await request.get(url)).text();
    expect(FULL_ZOD.test(js), `${page}: ${new URL(url).pathname} bundles the full zod`).toBe(false);
  }
}
