import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { TEST_KEYS } from "../../playwright.config";
import { runAttacks, SIMPLE_TRANSPORTS, startAttacker, type Attack, type AttackOutcome, type AttackPlan, type Attacker, type Transport } from "../support/attacker";
import { makeTestPng } from "../support/media";
import { startIsolatedServer, type IsolatedServer } from "../support/own-server";

/**
 * Cross-site request forgery from a real Chromium page. Studio has no accounts, so any web page a
 * studio user opens could drive it through the user's browser: start jobs (spending the keys'
 * credit), share private results, delete them, change the engine. The attack page is loaded from a
 * server of its own twice — as http://localhost:<port> (another site than the studio at 127.0.0.1)
 * and as http://127.0.0.1:<port> (same site, another origin: the ports differ) — and fires every
 * state-changing request it can without CORS at every state-changing route. None may be accepted:
 * the server must refuse those that reach it (403 {"error":{"code":"forbidden"}}), the browser
 * must hold back the preflighted ones, and nothing on the server may change.
 *
 * The control runs the same requests from a page on the studio's own origin, as the studio's pages
 * send them, and sees every one accepted: so the counting below can tell "accepted" from "refused".
 *
 * Counting happens from the test with Playwright's `request` (no Origin header: a non-browser
 * client, which stays allowed), on a server of our own (own data directory).
 */

const SCHNELL_SUBMIT = "/api/local/fal/queue.fal.run/fal-ai/flux/schnell";
const SCHNELL_SYNC = "/api/local/fal/fal.run/fal-ai/flux/schnell";
const STORAGE_INITIATE = "/api/local/fal/rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3";
/** What an accepted cross-site POST /api/local/control would set; different from the defaults. */
const ATTACK_KNOBS = { latencyMs: 4321, concurrency: 3 };

type Knobs = { latencyMs: number; failureRate: number; concurrency: number };
type Job = { id: string; status: string; shareId: string | null; requestId: string | null; outputs?: { url: string }[] };

/** The jobs the attack aims at. */
type Targets = {
  /** Finished, not shared: share and re-run target. */
  shareMe: Job;
  /** Finished and shared: unshare target. */
  unshareMe: Job;
  /** Finished: delete target. */
  deleteMe: Job;
  /** Still active (long engine latency): cancel target. */
  cancelMe: Job;
};

type Route = {
  target: string;
  method: Attack["method"];
  path: string;
  json: Record<string, unknown>;
  png?: boolean;
  headers?: Record<string, string>;
  createsJob?: boolean;
  /** The route has no handler for this method (405/404 even from the studio itself): attacked, not in the control. */
  noHandler?: boolean;
};

/** Every state-changing route of the studio, aimed at the targets. */
function routesToAttack(t: Targets): Route[] {
  return [
    { target: "POST /api/jobs", method: "POST", path: "/api/jobs", json: { task: "image", prompt: "forged from another site", imageSize: "square" }, createsJob: true },
    { target: "POST /api/jobs/{id}/share", method: "POST", path: `/api/jobs/${t.shareMe.id}/share`, json: { share: true } },
    { target: "DELETE /api/jobs/{id}/share", method: "DELETE", path: `/api/jobs/${t.unshareMe.id}/share`, json: { share: false } },
    { target: "POST /api/jobs/{id}/rerun", method: "POST", path: `/api/jobs/${t.shareMe.id}/rerun`, json: { rerun: true }, createsJob: true },
    { target: "POST /api/jobs/{id}/cancel", method: "POST", path: `/api/jobs/${t.cancelMe.id}/cancel`, json: { cancel: true } },
    { target: "DELETE /api/jobs/{id}", method: "DELETE", path: `/api/jobs/${t.deleteMe.id}`, json: { delete: true } },
    { target: "POST /api/prompts", method: "POST", path: "/api/prompts", json: { idea: "a forged idea from another site", count: 1 }, createsJob: true },
    { target: "POST /api/uploads?kind=image", method: "POST", path: "/api/uploads?kind=image", json: { kind: "image" }, png: true },
    { target: "POST /api/control/map", method: "POST", path: "/api/control/map", json: { kind: "edges", image: t.shareMe.outputs![0]!.url } },
    {
      target: "POST /api/fal/proxy",
      method: "POST",
      path: "/api/fal/proxy",
      json: { prompt: "forged through the proxy", image_size: "square" },
      headers: { "x-fal-target-url": "https://queue.fal.run/fal-ai/flux/schnell" },
    },
    { target: "POST /api/local/control", method: "POST", path: "/api/local/control", json: ATTACK_KNOBS },
    { target: "POST /api/local/fal/queue.fal.run/…/schnell", method: "POST", path: SCHNELL_SUBMIT, json: { prompt: "forged engine submit", image_size: "square" }, headers: { authorization: `Key ${TEST_KEYS.fal}` } },
    { target: "PUT /api/local/fal/queue.fal.run/…/schnell", method: "PUT", path: SCHNELL_SUBMIT, json: { prompt: "forged engine submit", image_size: "square" }, headers: { authorization: `Key ${TEST_KEYS.fal}` }, noHandler: true },
    { target: "POST /api/local/fal/fal.run/…/schnell", method: "POST", path: SCHNELL_SYNC, json: { prompt: "forged engine run", image_size: "square" }, headers: { authorization: `Key ${TEST_KEYS.fal}` } },
    { target: "POST /api/local/fal/rest.fal.ai/storage/upload/initiate", method: "POST", path: STORAGE_INITIATE, json: { content_type: "image/png", file_name: "forged.png" }, headers: { authorization: `Key ${TEST_KEYS.fal}` } },
    { target: "PUT /api/local/fal/rest.fal.ai/storage/upload/initiate", method: "PUT", path: STORAGE_INITIATE, json: { content_type: "image/png", file_name: "forged.png" }, headers: { authorization: `Key ${TEST_KEYS.fal}` }, noHandler: true },
    {
      target: "POST /api/local/openai/v1/chat/completions",
      method: "POST",
      path: "/api/local/openai/v1/chat/completions",
      json: { model: "gpt-4.1-mini", messages: [{ role: "user", content: "Idea: forged\nTarget: image\nCount: 1" }] },
      headers: { authorization: `Bearer ${TEST_KEYS.openai}` },
    },
  ];
}

const tag = (url: string, id: number) => `${url}${url.includes("?") ? "&" : "?"}_attack=${id}`;

/**
 * The cross-site plan: each POST route by every transport a page has (the simple ones reach the
 * server; the preflighted one carries the route's real headers and JSON type), each PUT/DELETE
 * route by a preflighted fetch (the only way a page can send those).
 */
function crossSitePlan(studio: string, routes: Route[]): Attack[] {
  const attacks: Attack[] = [];
  for (const r of routes) {
    const transports: Transport[] = r.method === "POST" ? [...SIMPLE_TRANSPORTS, "fetch-cors-preflighted"] : ["fetch-cors-preflighted"];
    for (const transport of transports) {
      const id = attacks.length;
      attacks.push({ id, target: r.target, method: r.method, url: tag(`${studio}${r.path}`, id), transport, json: r.json, png: r.png, headers: transport === "fetch-cors-preflighted" ? r.headers : undefined });
    }
  }
  return attacks;
}

type Seen = { id: number | undefined; method: string; path: string; status: number; via: "playwright" | "cdp"; resourceType: string; headers?: Record<string, string> };
type Preflight = { id: number | undefined; path: string; status: number; allowOrigin: string | undefined };

/**
 * Records every answer the page got from the studio's origin. Playwright's response events carry
 * the real status of form posts (iframe documents), no-cors fetches and beacons; a cors fetch the
 * browser refuses to hand to the page (no Access-Control-Allow-Origin) shows up only in the
 * DevTools protocol (responseReceivedExtraInfo has the status as received), and so do preflights.
 */
async function watchStudio(page: Page, studioOrigin: string) {
  const seen = new Map<string, Seen>();
  const pending: Promise<void>[] = [];
  const idOf = (url: URL) => (url.searchParams.has("_attack") ? Number(url.searchParams.get("_attack")) : undefined);
  const keyOf = (method: string, url: URL) => `${method} ${url.pathname}${url.search}`;
  page.on("response", (res) => {
    const url = new URL(res.url());
    if (url.origin !== studioOrigin) return;
    const entry: Seen = { id: idOf(url), method: res.request().method(), path: url.pathname, status: res.status(), via: "playwright", resourceType: res.request().resourceType() };
    seen.set(keyOf(entry.method, url), entry);
    // Form posts land in iframes as documents. The studio's answers may not be framed, so the frame
    // shows the browser's refusal instead of the body: what the studio sent is in the headers.
    // For a frame the browser refused to show, the full headers can stay pending for ever: wait a little.
    if (entry.resourceType === "document") {
      const headers = Promise.race([res.allHeaders(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000))]);
      pending.push(headers.then((h) => void (entry.headers = h), () => undefined));
    }
  });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const sent = new Map<string, { method: string; url: string }>();
  const received: { requestId: string; status: number; headers: Record<string, string> }[] = [];
  cdp.on("Network.requestWillBeSent", (e) => sent.set(e.requestId, { method: e.request.method, url: e.request.url }));
  cdp.on("Network.responseReceivedExtraInfo", (e) => received.push({ requestId: e.requestId, status: e.statusCode, headers: e.headers as Record<string, string> }));

  /** Everything seen so far: answers to requests (not preflights), and preflight answers. */
  const collect = () => {
    const answers = new Map(seen);
    const preflights: Preflight[] = [];
    for (const r of received) {
      const req = sent.get(r.requestId);
      if (!req) continue;
      const url = new URL(req.url);
      if (url.origin !== studioOrigin) continue;
      if (req.method === "OPTIONS") {
        const allow = Object.entries(r.headers).find(([k]) => k.toLowerCase() === "access-control-allow-origin")?.[1];
        preflights.push({ id: idOf(url), path: url.pathname, status: r.status, allowOrigin: allow });
      } else if (!answers.has(keyOf(req.method, url))) {
        answers.set(keyOf(req.method, url), { id: idOf(url), method: req.method, path: url.pathname, status: r.status, via: "cdp", resourceType: "fetch" });
      }
    }
    return { answers: [...answers.values()], preflights };
  };
  return { collect, settled: () => Promise.all(pending) };
}

// ---- server-side state, read as a non-browser client ----

type State = {
  jobIds: string[];
  shareMe: Job | undefined;
  unshareMe: Job | undefined;
  deleteMe: Job | undefined;
  cancelMe: Job | undefined;
  knobs: Knobs;
  mediaFiles: string[];
  engineFiles: string[];
  engineRequests: string[];
};

/** Every file below `dir`, as paths relative to it (the media store keeps files in subfolders). */
const filesIn = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
};

async function allJobIds(request: APIRequestContext, base: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await request.get(`${base}/api/jobs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { jobs: { id: string }[]; nextCursor?: string | null };
    ids.push(...body.jobs.map((j) => j.id));
    if (!body.nextCursor) return ids;
    cursor = body.nextCursor;
  }
  throw new Error("more than 5000 jobs?");
}

async function readJob(request: APIRequestContext, base: string, id: string): Promise<Job | undefined> {
  const res = await request.get(`${base}/api/jobs/${id}`);
  if (res.status() === 404) return undefined;
  expect(res.status()).toBe(200);
  return (await res.json()) as Job;
}

async function snapshot(request: APIRequestContext, server: IsolatedServer, t: Targets): Promise<State> {
  const knobs = await request.get(`${server.url}/api/local/control`);
  expect(knobs.status()).toBe(200);
  return {
    jobIds: (await allJobIds(request, server.url)).sort(),
    shareMe: await readJob(request, server.url, t.shareMe.id),
    unshareMe: await readJob(request, server.url, t.unshareMe.id),
    deleteMe: await readJob(request, server.url, t.deleteMe.id),
    cancelMe: await readJob(request, server.url, t.cancelMe.id),
    knobs: (await knobs.json()) as Knobs,
    mediaFiles: filesIn(path.join(server.dataDir, "media")),
    engineFiles: filesIn(path.join(server.dataDir, "engine", "files")),
    engineRequests: filesIn(path.join(server.dataDir, "engine", "requests")),
  };
}

const added = (before: string[], after: string[]) => after.filter((x) => !before.includes(x));

// ---- set-up ----

async function setKnobs(request: APIRequestContext, base: string, patch: Partial<Knobs>) {
  const res = await request.post(`${base}/api/local/control`, { data: patch });
  expect(res.status(), await res.text()).toBe(200);
}

async function finishedJob(request: APIRequestContext, base: string, prompt: string): Promise<Job> {
  const res = await request.post(`${base}/api/jobs`, { data: { task: "image", prompt, imageSize: "square", numImages: 1 } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as Job;
  let job: Job | undefined;
  await expect.poll(async () => (job = await readJob(request, base, id))?.status, { timeout: 30_000 }).toBe("done");
  return job!;
}

/** Fresh targets for one attack run: three finished jobs (one shared) and one kept active. */
async function prepareTargets(request: APIRequestContext, base: string, defaults: Knobs, label: string): Promise<Targets> {
  await setKnobs(request, base, defaults);
  const [shareMe, unshareMe, deleteMe] = await Promise.all([
    finishedJob(request, base, `${label}: share me`),
    finishedJob(request, base, `${label}: unshare me`),
    finishedJob(request, base, `${label}: delete me`),
  ]);
  const shared = await request.post(`${base}/api/jobs/${unshareMe.id}/share`);
  expect(shared.status()).toBe(200);
  unshareMe.shareId = ((await shared.json()) as Job).shareId;
  expect(unshareMe.shareId).toMatch(/\S/);

  // The engine reads its latency when a request starts: this one stays running for a minute,
  // long past the attack (a cancel of it must have something to cancel; it is cancelled at the end).
  await setKnobs(request, base, { latencyMs: 60_000 });
  const created = await request.post(`${base}/api/jobs`, { data: { task: "image", prompt: `${label}: cancel me`, imageSize: "square" } });
  expect(created.status()).toBe(201);
  const cancelId = ((await created.json()) as Job).id;
  let cancelMe: Job | undefined;
  await expect.poll(async () => (cancelMe = await readJob(request, base, cancelId))?.requestId ?? null, { timeout: 15_000 }).not.toBeNull();
  await setKnobs(request, base, defaults);
  expect(["queued", "running"]).toContain(cancelMe!.status);
  return { shareMe, unshareMe, deleteMe, cancelMe: cancelMe! };
}

/** Waits until every job but the long one is finished, so their files have landed before counting. */
async function settleJobs(request: APIRequestContext, base: string, except: string) {
  // The jobs still active, described, so a job that never ends says which it is.
  await expect
    .poll(
      async () => {
        const res = await request.get(`${base}/api/jobs?status=active&limit=100`);
        return ((await res.json()) as { jobs: (Job & { input: { prompt?: string }; requestId: string | null })[] }).jobs
          .filter((j) => j.id !== except)
          .map((j) => `${j.id} ${j.status} request ${j.requestId ?? "none"}: ${j.input.prompt ?? ""}`);
      },
      { timeout: 60_000, intervals: [250, 500, 1000], message: "jobs still active after the attack (other than the one kept running)" },
    )
    .toEqual([]);
}

// ---- the spec ----

test.describe("cross-site requests from a real Chromium page", () => {
  let server: IsolatedServer;
  let attacker: Attacker;
  let png: string;
  let defaults: Knobs;

  test.beforeAll(async () => {
    server = await startIsolatedServer({ prefix: "studio-cross-site-", keys: TEST_KEYS, env: { STUDIO_LOCAL_LATENCY_MS: "300" } });
    attacker = await startAttacker();
    png = (await makeTestPng(64, 48)).toString("base64");
    defaults = (await (await fetch(`${server.url}/api/local/control`)).json()) as Knobs;
    expect(defaults).toMatchObject({ latencyMs: 300 });
  });

  test.afterAll(async () => {
    await attacker?.close();
    await server?.dispose();
  });

  for (const [host, relation] of [
    ["localhost", "another site"],
    ["127.0.0.1", "the same site on another port"],
  ] as const) {
    test(`a page at http://${host}:<port> (${relation}) gets 0 state-changing requests accepted: the server refuses them with 403 and nothing changes`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const studio = server.url;
      const targets = await prepareTargets(request, studio, defaults, `attack from ${host}`);
      const before = await snapshot(request, server, targets);
      expect(before.jobIds.length, "jobs before the attack").toBeGreaterThanOrEqual(4);

      const attacks = crossSitePlan(studio, routesToAttack(targets));
      const watch = await watchStudio(page, studio);
      const attackPage = `http://${host}:${attacker.port}/`;
      await page.goto(attackPage);
      expect(new URL(page.url()).origin, "the attack page's origin").not.toBe(new URL(studio).origin);
      const plan: AttackPlan = { attacks, pngBase64: png, timeoutMs: 15_000 };
      const outcomes = await page.evaluate((p) => (window as unknown as { runAttacks: (p: AttackPlan) => Promise<AttackOutcome[]> }).runAttacks(p), plan);
      expect(outcomes, "every attack was launched").toHaveLength(attacks.length);

      // Every request that needs no preflight reaches the server: wait until its answer was seen.
      const simple = attacks.filter((a) => SIMPLE_TRANSPORTS.includes(a.transport));
      expect(simple.length, "attacks that need no preflight").toBeGreaterThan(0);
      await expect
        .poll(() => {
          const { answers } = watch.collect();
          return simple.filter((a) => !answers.some((s) => s.id === a.id)).map((a) => `${a.transport} ${a.target}`);
        }, { timeout: 20_000, message: "attacks that need no preflight whose answer the browser never saw" })
        .toEqual([]);
      await watch.settled();
      const { answers, preflights } = watch.collect();

      const preflighted = attacks.filter((a) => a.transport === "fetch-cors-preflighted");
      const preflightedThrough = preflighted.filter((a) => outcomes[a.id]!.settled !== "rejected").map((a) => `${a.target}: ${outcomes[a.id]!.settled}`);
      const seenForAttacks = answers.filter((s) => s.id !== undefined);
      const accepted = seenForAttacks.filter((s) => s.status < 400);
      const refused = seenForAttacks.filter((s) => s.status === 403);
      const describe = (s: Seen) => {
        const a = attacks[s.id!]!;
        return `${a.transport} ${a.target} → ${s.status}`;
      };

      await settleJobs(request, studio, targets.cancelMe.id);
      const after = await snapshot(request, server, targets);

      console.log(
        [
          `cross-site attack from http://${host}:${attacker.port} on ${studio}:`,
          `  attacks tried ${attacks.length} (${simple.length} without preflight, ${preflighted.length} preflighted) on ${routesToAttack(targets).length} routes`,
          `  answers seen ${seenForAttacks.length}: refused (403) ${refused.length}, other 4xx/5xx ${seenForAttacks.length - refused.length - accepted.length}, accepted (2xx/3xx) ${accepted.length}`,
          `  preflighted requests the browser let through ${preflightedThrough.length} (preflight answers seen ${preflights.length}, allowing this origin ${preflights.filter((p) => p.allowOrigin).length})`,
          `  server-side: new jobs ${added(before.jobIds, after.jobIds).length}, new media files ${added(before.mediaFiles, after.mediaFiles).length}, new engine files ${added(before.engineFiles, after.engineFiles).length}, new engine requests ${added(before.engineRequests, after.engineRequests).length}, knobs ${JSON.stringify(after.knobs)}`,
          ...(accepted.length ? ["  accepted:", ...accepted.map((s) => `    ${describe(s)}`)] : []),
        ].join("\n"),
      );

      try {
        // What the browser saw.
        expect.soft(accepted.map(describe), "studio answers with 2xx/3xx (accepted) that the attack page got").toEqual([]);
        expect.soft(seenForAttacks.filter((s) => s.status !== 403).map(describe), "studio answers to the attack page other than 403").toEqual([]);
        const documents = seenForAttacks.filter((s) => s.resourceType === "document" && s.headers !== undefined);
        expect.soft(documents.length, "form answers whose headers the test could read").toBeGreaterThan(0);
        const notJson = documents.filter((s) => !s.headers!["content-type"]?.startsWith("application/json"));
        expect.soft(notJson.map((s) => `${describe(s)}: ${s.headers!["content-type"]}`), "form answers that are not the studio's JSON error").toEqual([]);
        const framable = documents.filter((s) => s.headers!["x-frame-options"] !== "DENY" || !s.headers!["content-security-policy"]?.includes("frame-ancestors 'none'"));
        expect.soft(framable.map(describe), "form answers another site's page could show in its frame").toEqual([]);
        expect.soft(preflightedThrough, "preflighted requests (PUT, DELETE, JSON type, custom headers) the browser let through").toEqual([]);
        expect.soft(preflights.filter((p) => p.allowOrigin !== undefined).map((p) => `${p.path}: Access-Control-Allow-Origin ${p.allowOrigin}`), "preflight answers that allow a cross-origin caller").toEqual([]);
        expect.soft(answers.filter((s) => s.id === undefined).map((s) => `${s.method} ${s.path} → ${s.status}`), "untagged requests to the studio (redirects?)").toEqual([]);

        // What changed on the server (read without an Origin header).
        expect.soft(added(before.jobIds, after.jobIds).length, "jobs created by the attack (POST /api/jobs, rerun, prompts)").toBe(0);
        expect.soft(after.shareMe?.shareId ?? null, "share link of the job the attack tried to share").toBeNull();
        expect.soft(after.unshareMe?.shareId, "share link of the job the attack tried to unshare").toBe(before.unshareMe!.shareId);
        expect.soft(after.cancelMe?.status, "the active job the attack tried to cancel").not.toBe("cancelled");
        expect.soft(after.deleteMe?.id, "the job the attack tried to delete still exists").toBe(targets.deleteMe.id);
        expect.soft(after.knobs, "engine knobs after the attack").toEqual(before.knobs);
        expect.soft(added(before.mediaFiles, after.mediaFiles), "new files in <dataDir>/media").toEqual([]);
        expect.soft(added(before.engineFiles, after.engineFiles), "new files in <dataDir>/engine/files").toEqual([]);
        expect.soft(added(before.engineRequests, after.engineRequests), "new local engine requests").toEqual([]);
      } finally {
        await request.post(`${studio}/api/jobs/${targets.cancelMe.id}/cancel`);
        await setKnobs(request, studio, defaults);
      }
    });
  }

  test("control: the same requests from the studio's own origin, with JSON content types, are all accepted and change the server", async ({ page, request }) => {
    test.setTimeout(120_000);
    const studio = server.url;
    const targets = await prepareTargets(request, studio, defaults, "same-origin control");
    const before = await snapshot(request, server, targets);
    const routes = routesToAttack(targets).filter((r) => !r.noHandler);
    expect(routes.length, "routes in the control").toBeGreaterThanOrEqual(14);
    const attacks: Attack[] = routes.map((r, id) => ({ id, target: r.target, method: r.method, url: tag(`${studio}${r.path}`, id), transport: "fetch-same-origin", json: r.json, png: r.png, headers: r.headers }));

    await page.goto(`${studio}/`);
    expect(new URL(page.url()).origin).toBe(new URL(studio).origin);
    const outcomes = await page.evaluate(runAttacks, { attacks, pngBase64: png, timeoutMs: 30_000 } satisfies AttackPlan);
    expect(outcomes).toHaveLength(attacks.length);
    await settleJobs(request, studio, targets.cancelMe.id);
    const after = await snapshot(request, server, targets);
    try {
      const answers = outcomes.map((o) => `${attacks[o.id]!.target} → ${o.settled} ${o.status ?? o.error ?? ""}`);
      console.log(`same-origin control on ${studio}: ${attacks.length} requests\n  ${answers.join("\n  ")}`);
      expect(outcomes.filter((o) => !(o.status! >= 200 && o.status! < 300)).map((o) => answers[o.id]), "same-origin requests not answered 2xx").toEqual([]);
      // Each check the attack runs can see a change: a job made by POST /api/jobs, rerun and prompts …
      expect(added(before.jobIds, after.jobIds).length, "jobs created").toBe(routes.filter((r) => r.createsJob).length);
      expect(after.shareMe?.shareId, "the job is shared").toMatch(/\S/);
      expect(after.unshareMe?.shareId ?? null, "the job is unshared").toBeNull();
      expect(after.cancelMe?.status, "the active job").toBe("cancelled");
      expect(after.deleteMe, "the deleted job").toBeUndefined();
      expect(after.knobs, "engine knobs").toMatchObject(ATTACK_KNOBS);
      expect(added(before.mediaFiles, after.mediaFiles).length, "new files in <dataDir>/media (the upload, the new jobs' outputs)").toBeGreaterThan(0);
      expect(added(before.engineFiles, after.engineFiles).length, "new files in <dataDir>/engine/files (storage initiate, engine outputs)").toBeGreaterThan(0);
      expect(added(before.engineRequests, after.engineRequests).length, "new local engine requests").toBeGreaterThan(0);
    } finally {
      await setKnobs(request, studio, defaults);
    }
  });
});
