import { createFalClient } from "@fal-ai/client";
import type { APIResponse } from "@playwright/test";
import { hasOwnDocumentPolicy } from "../lib/http/security-headers";
import { expect, TEST_KEYS, test } from "./fixtures";
import type { StudioPage } from "./pages/studio-page";
import type { ErrorBody, JobRecord } from "./support/api";

const SECRETS = [TEST_KEYS.fal, TEST_KEYS.openai];
const PROXY = "/api/fal/proxy";
const SCHNELL = "https://queue.fal.run/fal-ai/flux/schnell";

function expectNoSecrets(what: string, text: string) {
  for (const secret of SECRETS) expect(text.includes(secret), `${what} contains a configured key`).toBe(false);
  // Not even the Authorization header form.
  expect(text, what).not.toMatch(/Key fal-e2e|Bearer sk-e2e/);
}

async function bodyOf(res: APIResponse, what: string): Promise<string> {
  const text = await res.text();
  expectNoSecrets(what, text);
  for (const [name, value] of Object.entries(res.headers())) expectNoSecrets(`${what} header ${name}`, value);
  return text;
}

test.describe("Secrets and the fal proxy", () => {
  test.describe(() => {
    // Loads pages only; no need to wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });
    test("the keys reach no page, script or data the browser loads", async ({ homePage, imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage, page, request }) => {
      const bodies: Promise<void>[] = [];
      const staticChunks = new Set<string>();
      const rscPayloads = new Set<string>();
      page.on("response", (res) => {
        const url = new URL(res.url());
        if (!url.protocol.startsWith("http")) return;
        if (url.pathname.startsWith("/_next/static/")) staticChunks.add(url.pathname);
        if (url.searchParams.has("_rsc") || res.request().headers()["rsc"] === "1") rscPayloads.add(url.pathname);
        bodies.push(
          res.body().then(
            (body) => expectNoSecrets(`${res.request().method()} ${url.pathname}${url.search}`, body.toString("latin1")),
            () => undefined, // redirects and aborted requests have no body
          ),
        );
      });

      const pages: StudioPage[] = [homePage, imagePage, inpaintPage, videoPage, transcribePage, backgroundPage, speechPage, controlPage, promptsPage, textPage];
      for (const p of pages) {
        await p.goto();
        expectNoSecrets(`DOM of ${p.path}`, await page.content());
        // The server-rendered HTML as fetched, not just the DOM after hydration.
        await bodyOf(await request.get(p.path), `HTML of ${p.path}`);
      }
      await Promise.all(bodies);
      // Next prefetches the nav links' RSC payloads (what client-side navigation renders) on every page,
      // except for pages that load as a document of their own (the recording page).
      const prefetched = pages.slice(1).map((p) => p.path).filter((p) => !hasOwnDocumentPolicy(p));
      expect(prefetched.length).toBeGreaterThan(3);
      expect([...rscPayloads].sort(), "RSC payloads seen").toEqual(expect.arrayContaining(prefetched));
      expect(staticChunks.size, "JS/CSS chunks seen").toBeGreaterThan(3);
      // Again from the server, in case the browser no longer had a body to hand over.
      for (const chunk of staticChunks) await bodyOf(await request.get(chunk), chunk);
      expect([...staticChunks].some((p) => p.endsWith(".js"))).toBe(true);
    });
  });

  test("API answers carry no keys", async ({ request, api }) => {
    const health = JSON.parse(await bodyOf(await request.get("/api/health"), "/api/health")) as { keys: { fal: boolean; openai: boolean } };
    // The health check says keys are set without showing them.
    expect(health.keys).toEqual({ fal: true, openai: true });

    const created = await api.createJob({ task: "image", prompt: "secret check", imageSize: "square", numImages: 1 });
    const job = JSON.parse(await bodyOf(created, "POST /api/jobs")) as JobRecord;
    await api.waitForStatus(job.id, "done");
    await bodyOf(await request.get(`/api/jobs/${job.id}`), "job record");
    await bodyOf(await request.get("/api/jobs/does-not-exist"), "missing job");
    await bodyOf(await api.createJob({ task: "image", prompt: "" }), "validation error");

    const stream = await request.post("/api/prompts", { data: { idea: "a secret garden", count: 2 } });
    expect(stream.status()).toBe(200);
    expect(await bodyOf(stream, "prompts stream")).toContain('"type":"done"');

    const submitted = await request.post(PROXY, { headers: { "x-fal-target-url": SCHNELL }, data: { prompt: "x", image_size: "square" } });
    const { request_id } = JSON.parse(await bodyOf(submitted, "proxy submit")) as { request_id: string };
    await bodyOf(
      await request.get(PROXY, { headers: { "x-fal-target-url": `https://queue.fal.run/fal-ai/flux/requests/${request_id}/status` } }),
      "proxy status",
    );
    await bodyOf(await request.post(PROXY, { headers: { "x-fal-target-url": "https://rest.fal.ai/tokens/" } }), "proxy refusal");
  });

  test("the proxy adds the server's key; the engine demands it", async ({ request }) => {
    const input = { prompt: "x", image_size: "square" };
    const allowed = await request.post(PROXY, { headers: { "x-fal-target-url": SCHNELL }, data: input });
    expect(allowed.status(), await allowed.text()).toBe(200);
    expect((await allowed.json()) as { request_id?: string }).toMatchObject({ request_id: expect.stringMatching(/\S/) });

    // Straight to the engine without a key: refused, so the 200 above means the proxy added it.
    const direct = await request.post("/api/local/fal/queue.fal.run/fal-ai/flux/schnell", { data: input });
    expect(direct.status()).toBe(401);
    const wrongDirect = await request.post("/api/local/fal/queue.fal.run/fal-ai/flux/schnell", {
      data: input,
      headers: { authorization: "Key not-the-key" },
    });
    expect(wrongDirect.status()).toBe(401);

    // A caller's own Authorization is replaced, not passed on.
    const wrongViaProxy = await request.post(PROXY, {
      headers: { "x-fal-target-url": SCHNELL, authorization: "Key not-the-key" },
      data: input,
    });
    expect(wrongViaProxy.status(), await wrongViaProxy.text()).toBe(200);
    expect((await wrongViaProxy.json()) as { request_id?: string }).toMatchObject({ request_id: expect.any(String) });
  });

  test("@fal-ai/client runs a model through the proxy", async ({ baseURL, request }) => {
    const fal = createFalClient({ proxyUrl: { url: `${baseURL}${PROXY}`, when: "always" } });
    const result = await fal.subscribe("fal-ai/flux/schnell", {
      input: { prompt: "a paper boat", image_size: "square", num_images: 1 },
      pollInterval: 200,
    });
    const data = result.data as { images: { url: string; width: number; height: number }[] };
    expect(result.requestId).toMatch(/\S/);
    expect(data.images).toHaveLength(1);
    expect(data.images[0]).toMatchObject({ width: 512, height: 512 });
    const image = await request.get(data.images[0]!.url);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toMatch(/^image\//);
  });

  test.describe("proxy refusals", () => {
    // No jobs here: these need not wait while jobs.spec.ts has the engine to itself.
    test.use({ usesEngine: false });

    test("the proxy forwards only this studio's endpoints", async ({ request }) => {
      const refused = async (headers: Record<string, string>, why: string) => {
        const res = await request.post(PROXY, { headers, data: { prompt: "x" } });
        expect(res.status(), why).toBe(403);
        expect(res.headers()["content-type"]).toContain("application/json");
        const body = (await res.json()) as ErrorBody;
        expect(body.error.code).toBe("forbidden");
        expect(body.error.message, why).toMatch(/\S/);
        return body.error.message;
      };
      expect(await refused({ "x-fal-target-url": "https://queue.fal.run/fal-ai/some-other-model" }, "another model")).toContain("fal-ai/some-other-model");
      await refused({ "x-fal-target-url": "https://rest.fal.ai/tokens/" }, "fal's token API");
      expect(await refused({}, "no target")).toMatch(/Missing x-fal-target-url/);
      await refused({ "x-fal-target-url": "https://evil.example.com/fal-ai/flux/schnell" }, "another host");
    });
  });
});
