import { scriptSources } from "../bench/first-load-js";
import { expect, test } from "./fixtures";

// zod's classic API names its schema classes this way; zod/mini's are "ZodMiniObject" and core's
// "$ZodObject", so only the full, non-tree-shakable zod (~31 KB gzip) matches.
const FULL_ZOD = /["']ZodObject["']/;

test.describe("Client bundle", () => {
  test.use({ usesEngine: false });

  // The home page loads only what the shell (layouts, sidebar) needs: what every page loads. The
  // task schemas reached it once through the sidebar's list; the server now renders that list.
  test("the scripts every page loads carry no full zod", async ({ request, baseURL }) => {
    const html = await (await request.get("/")).text();
    const sources = scriptSources(html, baseURL!);
    expect(sources.length).toBeGreaterThan(3);
    for (const { url } of sources) {
      const js = await (await request.get(url)).text();
      expect(FULL_ZOD.test(js), `${new URL(url).pathname} bundles the full zod`).toBe(false);
    }
  });
});
