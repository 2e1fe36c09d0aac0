import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { TEST_KEYS } from "../../playwright.config";
import { sendBigBody } from "../support/big-body";
import { sendRaw } from "../support/raw-http";
import { decodeBombPng, makeTestPng } from "../support/media";
import { expectRefusalToStart, freePort, startOwnServer, type OwnServer, type OwnServerOptions } from "../support/own-server";

/**
 * The attack run's findings (issue 7), each as the attack that worked before the fix, against the
 * production build. Cross-site requests and the route fuzz are in cross-site.spec.ts and fuzz.spec.ts,
 * the engine's storage in engine-storage.spec.ts.
 */

const MB = 1024 * 1024;
const PROXY = "/api/fal/proxy";
const BASE_ENV = {
  STUDIO_ENGINE: "local",
  FAL_KEY: TEST_KEYS.fal,
  OPENAI_API_KEY: TEST_KEYS.openai,
  STUDIO_HTTP_RETRIES: "1",
};
const dataDirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-attack-"));
  dataDirs.push(dir);
  return dir;
};
test.afterAll(() => dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function ownServer(env: Record<string, string> = {}, options?: OwnServerOptions): Promise<OwnServer> {
  return startOwnServer(await freePort(), { ...BASE_ENV, STUDIO_DATA_DIR: newDataDir(), ...env }, options);
}

async function jobStatus(request: APIRequestContext, url: string) {
  return ((await (await request.get(url)).json()) as { status: string }).status;
}

test.describe("2. DNS rebinding", () => {
  test("a page whose own name was rebound to the studio is refused, reads and writes alike, though the browser calls it same-origin", async ({ baseURL }) => {
    const { hostname, port } = new URL(baseURL!);
    const rebound = `rebind.attacker.example:${port}`;
    const asRebound = (method: string, path: string, body?: string) =>
      sendRaw({ host: hostname, port: Number(port) }, {
        method,
        path,
        headers: { host: rebound, origin: `http://${rebound}`, "sec-fetch-site": "same-origin", ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? Buffer.from(body) : undefined,
      }, { timeoutMs: 10_000 });
    for (const [method, path, body] of [
      ["POST", "/api/jobs", JSON.stringify({ task: "image", prompt: "rebound" })],
      ["GET", "/api/jobs", undefined],
      ["GET", "/api/health", undefined],
      ["GET", "/history", undefined],
    ] as const) {
      const res = await asRebound(method, path, body);
      expect(res.ok && res.status, `${method} ${path}`).toBe(403);
      if (res.ok) expect(res.body.toString(), `${method} ${path}`).toContain("does not answer to the name rebind.attacker.example");
    }
    // The same requests under the studio's own address are answered.
    const own = await sendRaw({ host: hostname, port: Number(port) }, { method: "GET", path: "/api/jobs" }, { timeoutMs: 10_000 });
    expect(own.ok && own.status).toBe(200);
  });
});

test.describe("3. the fal proxy caps a body before reading it", () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await ownServer();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("a 256 MB POST to the proxy is refused with 413 naming the limit, and the server's memory stays flat", async () => {
    // Warm the proxy route up first, so the peak below is the attack's and not the route's first load.
    const warm = await fetch(`${server.url}${PROXY}`, {
      method: "POST",
      headers: { "x-fal-target-url": "https://queue.fal.run/fal-ai/flux/schnell", "content-type": "application/json" },
      body: JSON.stringify({ prompt: "warm up", image_size: "square" }),
    });
    expect(warm.status).toBe(200);
    const before = server.memory();

    const target = { "x-fal-target-url": "https://queue.fal.run/fal-ai/flux/schnell", "content-type": "application/json" };
    const chunked = await sendBigBody(`${server.url}${PROXY}`, { method: "POST", headers: target, totalBytes: 256 * MB });
    expect(chunked.status, chunked.body).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("1 MB") } });
    expect(chunked.sentBytes, "refused long before the whole body arrived").toBeLessThan(64 * MB);

    const declared = await sendBigBody(`${server.url}${PROXY}`, { method: "POST", headers: { ...target, "content-length": String(256 * MB) }, totalBytes: 256 * MB });
    expect(declared.status).toBe(413);
    expect(declared.sentBytes, "refused from its Content-Length").toBeLessThan(16 * MB);

    const after = server.memory();
    console.log(`[attack] proxy 256 MB POST: refused after ${chunked.sentBytes / MB} MB sent (${chunked.ms} ms); peak RSS ${Math.round(before.hwmMb)} → ${Math.round(after.hwmMb)} MB`);
    expect(after.hwmMb - before.hwmMb, "peak memory growth (it reached 2 GB before the fix)").toBeLessThan(64);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

test.describe("5. decode bombs and stopping", () => {
  let server: OwnServer;
  let bomb: Buffer;
  test.beforeAll(async () => {
    server = await ownServer({ STUDIO_LOCAL_LATENCY_MS: "200" });
    bomb = await decodeBombPng(12_000, 12_000);
    expect(bomb.length, "a bomb is small").toBeLessThan(500_000);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("a 140 KB PNG of 12000×12000 is refused at upload from its header, at once", async ({ request }) => {
    const started = Date.now();
    const res = await request.post(`${server.url}/api/uploads?kind=image`, { headers: { "content-type": "image/png" }, data: bomb });
    expect(res.status()).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/12000×12000 \(144 MP\).*up to 16\.8 MP/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test("an SVG sent as a PNG, whose 64×64 header wraps the bomb, is refused at once and costs no memory", async ({ request }) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image width="64" height="64" xlink:href="data:image/png;base64,${bomb.toString("base64")}"/></svg>`;
    const before = server.memory();
    const res = await request.post(`${server.url}/api/uploads?kind=image`, { headers: { "content-type": "image/png" }, data: Buffer.from(svg) });
    expect(res.status()).toBe(415);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("This file is not a PNG, JPEG, WebP or GIF image.");
    expect(server.memory().hwmMb - before.hwmMb, "peak memory growth (1.4 GB once the SVG reached the decoder)").toBeLessThan(64);
  });

  test("the limit is the endpoint's own: 4096×4096 is taken, one pixel row more is not", async ({ request }) => {
    const upload = (png: Buffer) => request.post(`${server.url}/api/uploads?kind=image`, { headers: { "content-type": "image/png" }, data: png });
    expect((await upload(await decodeBombPng(4096, 4096))).status()).toBe(201);
    expect((await upload(await decodeBombPng(4096, 4097))).status()).toBe(413);
  });

  test("a job refuses a stored file of the wrong kind for its field, naming the field", async ({ request }) => {
    const png = await request.post(`${server.url}/api/uploads?kind=image`, { headers: { "content-type": "image/png" }, data: await makeTestPng(32, 32) });
    const { url } = (await png.json()) as { url: string };
    const res = await request.post(`${server.url}/api/jobs`, { data: { task: "transcribe", audio: url } });
    expect(res.status()).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ audio: "This field takes audio, not image/png." });
  });

  test("as the inpaint image and mask through the proxy, the engine refuses it from the header, and keeps answering", async ({ request }) => {
    const dataUri = `data:image/png;base64,${bomb.toString("base64")}`;
    const started = Date.now();
    const res = await request.post(`${server.url}${PROXY}`, {
      headers: { "x-fal-target-url": "https://fal.run/fal-ai/flux-general/inpainting" },
      data: { prompt: "x", image_url: dataUri, mask_url: dataUri },
    });
    expect(res.status()).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/12000×12000 \(144 MP\); this endpoint takes up to 16\.8 MP/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await request.get(`${server.url}/api/health`)).status()).toBe(200);
  });
});

test.describe("5. SIGTERM", () => {
  test("a server with a job running and a status stream open stops within seconds and hands the job back; the next start finishes it", async ({ request }) => {
    test.setTimeout(90_000);
    const port = await freePort();
    const env = { ...BASE_ENV, STUDIO_DATA_DIR: newDataDir(), STUDIO_LOCAL_LATENCY_MS: "20000", STUDIO_INSTANCE_ID: "sigterm-test" };
    let server = await startOwnServer(port, env);
    const created = await request.post(`${server.url}/api/jobs`, { data: { task: "image", prompt: "a lighthouse in a storm", imageSize: "square", seed: 21 } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await expect.poll(() => jobStatus(request, `${server.url}/api/jobs/${id}`), { timeout: 20_000 }).toBe("running");
    const { requestId } = (await (await request.get(`${server.url}/api/jobs/${id}`)).json()) as { requestId: string };

    // A client following the request's status stream: before the fix an open stream held the stop.
    const stream = await fetch(`${server.url}${PROXY}`, { headers: { "x-fal-target-url": `https://queue.fal.run/fal-ai/flux/requests/${requestId}/status/stream` } });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");

    const stopped = await server.stop("SIGTERM");
    console.log(`[attack] SIGTERM with a running job and an open stream: exited ${stopped.code} after ${stopped.ms} ms`);
    expect(stopped.ms, "stopped at once (it did not stop within 8 s before the fix)").toBeLessThan(5_000);
    expect(server.logs()).toContain("handed back the local engine's queue");
    expect(server.logs()).toMatch(/1 running and 0 waiting request\(s\) kept for the next start/);

    server = await startOwnServer(port, env);
    try {
      await expect.poll(() => jobStatus(request, `${server.url}/api/jobs/${id}`), { timeout: 60_000, intervals: [500] }).toBe("done");
      const job = (await (await request.get(`${server.url}/api/jobs/${id}`)).json()) as { seed: number; outputs: { url: string }[]; logs: { message: string }[] };
      expect(job.seed).toBe(21);
      expect(job.outputs).toHaveLength(1);
      expect((await request.get(`${server.url}${job.outputs[0]!.url}`)).status()).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

test.describe("6. headers, paths, health, forwarded hosts, environment, binding", () => {
  test("every page sends a fresh nonce CSP its scripts carry, no framing, Referrer-Policy, nosniff, and the microphone only on Transcribe", async ({ request }) => {
    const pages = ["/", "/image", "/inpaint", "/video", "/transcribe", "/background", "/speech", "/control", "/prompts", "/text", "/history", "/no-such-page"];
    for (const p of pages) {
      const [a, b] = [await request.get(p), await request.get(p)];
      const csp = a.headers()["content-security-policy"] ?? "";
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce, `${p} CSP nonce`).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      expect(b.headers()["content-security-policy"], `${p} nonce is fresh per request`).not.toContain(nonce!);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/);
      const html = await a.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, `${p} has scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${p}: every script carries this response's nonce`).toContain(`nonce="${nonce}"`);
      expect(a.headers()["x-frame-options"]).toBe("DENY");
      expect(a.headers()["referrer-policy"]).toBe("same-origin");
      expect(a.headers()["x-content-type-options"]).toBe("nosniff");
      const microphone = a.headers()["permissions-policy"]?.match(/microphone=\(([^)]*)\)/)?.[1];
      expect(microphone, `${p} microphone`).toBe(p === "/transcribe" ? "self" : "");
    }
  });

  test("another site cannot frame the studio", async ({ page, baseURL }) => {
    await page.route("http://attacker.test/", (route) =>
      route.fulfill({ contentType: "text/html", body: `<iframe id="f" src="${baseURL}/image" width="800" height="600"></iframe>` }),
    );
    await page.goto("http://attacker.test/");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame, "the iframe exists").toBeTruthy();
    await page.waitForTimeout(1_000);
    // A framed studio would have rendered its heading; a refused frame shows Chromium's error page.
    const heading = await frame!.locator("h1").textContent({ timeout: 1_000 }).catch(() => null);
    expect(heading).not.toBe("Image");
  });

  test("API answers and stored media are inert if opened: nosniff and a sandbox CSP without scripts; stored media still show in a tab of their own", async ({ request, page }) => {
    const health = await request.get("/api/health");
    expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");
    const uploaded = await request.post("/api/uploads?kind=image", { headers: { "content-type": "image/png" }, data: await makeTestPng(64, 64) });
    expect(uploaded.status()).toBe(201);
    const media = await request.get(((await uploaded.json()) as { url: string }).url);
    expect(media.headers()["content-type"]).toBe("image/png");
    expect(media.headers()["x-content-type-options"]).toBe("nosniff");
    const csp = media.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/sandbox(?![^;]*allow-scripts)/);
    expect(csp).toContain("default-src 'none'");

    // The browser's own viewers load the file they show: the policy must let them.
    await page.goto(((await uploaded.json()) as { url: string }).url);
    expect(await page.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    const video = await request.post("/api/jobs", { data: { task: "video", prompt: "waves in a tab of their own", duration: "5" } });
    const { id } = (await video.json()) as { id: string };
    await expect.poll(() => jobStatus(request, `/api/jobs/${id}`), { timeout: 30_000 }).toBe("done");
    const { outputs } = (await (await request.get(`/api/jobs/${id}`)).json()) as { outputs: { url: string }[] };
    await page.goto(outputs[0]!.url);
    await expect.poll(() => page.locator("video").evaluate((v: HTMLVideoElement) => v.readyState), { message: "the video's metadata loaded" }).toBeGreaterThanOrEqual(1);
  });

  test("an upload's answer, a few hundred bytes of JSON, goes out as it is to a client that takes gzip", async ({ request }) => {
    const res = await request.post("/api/uploads?kind=image", { headers: { "content-type": "image/png", "accept-encoding": "gzip" }, data: await makeTestPng(16, 16) });
    expect(res.status()).toBe(201);
    expect(res.headers()["content-encoding"]).toBeUndefined();
    expect(await res.json()).toMatchObject({ contentType: "image/png", width: 16, height: 16 });
  });

  test("a path with a malformed percent escape answers a JSON 400 on the API and the 404 page elsewhere, never a 500", async ({ request }) => {
    for (const p of ["/api/jobs/%ff", "/api/jobs/%zz/cancel", "/api/media/%c0%ae", "/api/local/fal/%ff"]) {
      const res = await request.get(p);
      expect(res.status(), p).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
    const post = await request.post("/api/jobs/%ff/share", { data: { any: "body" } });
    expect(post.status()).toBe(400);
    for (const p of ["/s/%ff", "/jobs/%ff", "/%e0%80"]) {
      const res = await request.get(p);
      expect(res.status(), p).toBe(404);
      expect(res.headers()["content-type"]).toContain("text/html");
      expect(await res.text()).toContain("Nothing here");
    }
  });

  test("share pages take their address from Host, not from a forged X-Forwarded-Host", async ({ request, baseURL }) => {
    const created = await request.post("/api/jobs", { data: { task: "image", prompt: "forwarded host check", imageSize: "square" } });
    const { id } = (await created.json()) as { id: string };
    await expect.poll(() => jobStatus(request, `/api/jobs/${id}`), { timeout: 30_000 }).toBe("done");
    const { shareId } = (await (await request.post(`/api/jobs/${id}/share`)).json()) as { shareId: string };
    const html = await (await request.get(`/s/${shareId}`, { headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } })).text();
    const ogUrl = html.match(/<meta property="og:url" content="([^"]+)"/)?.[1];
    expect(ogUrl).toBe(`${baseURL}/s/${shareId}`);
    expect(html).not.toContain("evil.example");
  });

  test("with STUDIO_TRUST_PROXY=1 the reverse proxy's forwarded host is used", async ({ request }) => {
    const server = await ownServer({ STUDIO_TRUST_PROXY: "1", STUDIO_LOCAL_LATENCY_MS: "100" });
    try {
      const created = await request.post(`${server.url}/api/jobs`, { data: { task: "image", prompt: "trusted proxy", imageSize: "square" } });
      const { id } = (await created.json()) as { id: string };
      await expect.poll(() => jobStatus(request, `${server.url}/api/jobs/${id}`), { timeout: 30_000 }).toBe("done");
      const { shareId } = (await (await request.post(`${server.url}/api/jobs/${id}/share`)).json()) as { shareId: string };
      const html = await (await request.get(`${server.url}/s/${shareId}`, { headers: { "x-forwarded-host": "studio.example.com", "x-forwarded-proto": "https" } })).text();
      expect(html).toContain(`<meta property="og:url" content="https://studio.example.com/s/${shareId}"`);
    } finally {
      await server.stop();
    }
  });

  test("health fails, naming the reason, when the data directory is short of space or cannot be written; files then get a JSON 507/503, not a crash", async ({ request }) => {
    const full = await ownServer({ STUDIO_MIN_FREE_MB: "1000000" }, { ready: (r) => r.status === 503 });
    const unwritableDir = newDataDir();
    writeFileSync(path.join(unwritableDir, "tmp"), "a file where the temp directory should be");
    const unwritable = await startOwnServer(await freePort(), { ...BASE_ENV, STUDIO_DATA_DIR: unwritableDir }, { ready: (r) => r.status === 503 });
    const png = await makeTestPng(32, 32);
    try {
      for (const [server, reason, uploadStatus, uploadMessage] of [
        [full, /free \(STUDIO_MIN_FREE_MB asks for/, 507, /disk is nearly full/],
        [unwritable, /Cannot write to the data directory/, 503, /cannot write to its data directory/],
      ] as const) {
        const health = await request.get(`${server.url}/api/health`);
        expect(health.status()).toBe(503);
        const body = (await health.json()) as { ok: boolean; disk: { ok: boolean; error: string } };
        expect(body.ok).toBe(false);
        expect(body.disk).toMatchObject({ ok: false, error: expect.stringMatching(reason) });
        const upload = await request.post(`${server.url}/api/uploads?kind=image`, { headers: { "content-type": "image/png" }, data: png });
        expect(upload.status()).toBe(uploadStatus);
        expect(((await upload.json()) as { error: { message: string } }).error.message).toMatch(uploadMessage);
      }
    } finally {
      await Promise.all([full.stop(), unwritable.stop()]);
    }
  });

  test("a bad environment value stops the server at start, naming the variable but never its value", async () => {
    const secretish = "sk-not-a-url-1234567890";
    const refused = await expectRefusalToStart(await freePort(), { ...BASE_ENV, STUDIO_DATA_DIR: newDataDir(), STUDIO_HTTP_RETRIES: "lots", OPENAI_BASE_URL: secretish });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("cannot start");
    expect(refused.output).toContain("STUDIO_HTTP_RETRIES");
    expect(refused.output).toContain("OPENAI_BASE_URL");
    expect(refused.output).not.toContain(secretish);
  });

  test("bound to loopback it says so; bound to every interface it warns that it has no access control", async () => {
    const local = await ownServer();
    const open = await ownServer({}, { host: "0.0.0.0" });
    await Promise.all([local.stop(), open.stop()]);
    expect(local.logs()).toContain("listening on this machine only");
    expect(local.logs()).not.toContain("no access control");
    expect(open.logs()).toMatch(/WARNING: this server is reachable from other machines and Studio has no access control/);
  });
});
