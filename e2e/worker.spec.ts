import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "@playwright/test";
import { TEST_KEYS } from "../playwright.config";
import { freePort } from "./support/own-server";

/**
 * The worker (`npx studio …`, bin/studio.mjs) as a program calls it: a subprocess whose stdout is
 * exactly one JSON document (JSON lines with --stream), exit 0 / 1 / 2, and no key on stdout or
 * stderr. Against the test server, and with no server at all (in-process on the server's data
 * directory, so its jobs then show in the server's /api/jobs).
 */

const BIN = path.join(process.cwd(), "bin", "studio.mjs");
const SECRETS = [TEST_KEYS.fal, TEST_KEYS.openai];

type Run = { code: number | null; stdout: string; stderr: string };

/** The worker with the test server's keys and engine; `env` adds or overrides. */
function studio(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(FAL_|OPENAI_|STUDIO_|DATABASE_URL|S3_)/.test(k)) delete env[k];
  Object.assign(env, { FAL_KEY: TEST_KEYS.fal, OPENAI_API_KEY: TEST_KEYS.openai, STUDIO_ENGINE: "local", STUDIO_LOCAL_LATENCY_MS: "400", ...opts.env });
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(opts.stdin ?? "");
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Exactly one JSON document on stdout, and nothing secret anywhere. */
function oneDocument(run: Run): Record<string, unknown> {
  expectNoSecrets(run);
  const lines = run.stdout.split("\n").filter((l) => l.trim());
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

function expectNoSecrets(run: Run) {
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

type Output = { url: string; contentType: string; width?: number; height?: number; bytes?: number };

async function pngFile(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, await sharp({ create: { width: 96, height: 64, channels: 3, background: "#d4553a" } }).png().toBuffer());
  return file;
}

test.describe("the worker against a running studio", () => {
  test("a worker stopped by SIGTERM dies by it, so its caller cannot take the silence for success", async ({ baseURL }) => {
    const child = spawn(process.execPath, [BIN, "mcp", "--server", baseURL!], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    await expect.poll(() => stderr, { timeout: 20_000 }).toContain("MCP server on stdio");
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.kill("SIGTERM");
    expect(await ended).toEqual({ code: null, signal: "SIGTERM" });
  });

  test("an image from a local file: one document with the stored outputs, shared", async ({ request, baseURL }) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "studio-worker-"));
    const run = await studio(["image", "--server", baseURL!, "--prompt", "a red fox at dawn", "--source-image", await pngFile(dir, "fox.png"), "--strength", "0.6", "--seed", "7", "--share", "--verbose"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`using the studio at ${baseURL}`);
    const doc = oneDocument(run);
    expect(doc).toMatchObject({ status: "done", task: "image", seed: 7, error: null, request_id: doc.id });
    const outputs = doc.outputs as Output[];
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.url.startsWith(`${baseURL}/api/media/`)).toBe(true);
    expect(outputs[0]).toMatchObject({ contentType: "image/png", width: 96, height: 64 });
    expect((await request.get(outputs[0]!.url)).status()).toBe(200);
    expect(String(doc.share_url)).toMatch(new RegExp(`^${baseURL}/s/`));
    expect((await request.get(String(doc.share_url))).status()).toBe(200);
    // The upload was the file's own bytes: the job's source image is in the studio's store.
    const job = (await (await request.get(`/api/jobs/${doc.id}`)).json()) as { input: { sourceImage: string } };
    expect(job.input.sourceImage).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
  });

  test("text with --stream: JSON lines as it is written, the answer document last", async ({ baseURL }) => {
    const run = await studio(["text", "--server", baseURL!, "--input", "-", "--max-tokens", "400"], {
      stdin: JSON.stringify({ prompt: "Count the words: one two three four", maxTokens: 1 }),
    });
    // --stream was not given: one document; the flag overrode the input's maxTokens.
    const whole = oneDocument(run);
    expect(run.code).toBe(0);
    expect(whole).toMatchObject({ partial: false, error: null, reasoning: null });
    expect((whole.raw as { input: { maxTokens: number } }).input.maxTokens).toBe(400);

    const streamed = await studio(["text", "--server", baseURL!, "--prompt", "Count the words: one two three four", "--stream"]);
    expect(streamed.code, streamed.stderr).toBe(0);
    expectNoSecrets(streamed);
    const lines = streamed.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines[0]).toMatchObject({ type: "job" });
    expect(lines.filter((l) => l.type === "text").length).toBeGreaterThan(1);
    const final = lines.at(-1)!;
    expect(Object.keys(final).sort()).toEqual(["error", "output", "partial", "raw", "reasoning", "request_id", "status"]);
    expect(final.output).toBe(lines.filter((l) => l.type === "text").map((l) => l.text).join(""));
    expect(final).toMatchObject({ status: "done", partial: false, error: null, request_id: lines[0]!.id });
  });

  test("--submit answers the job id at once; status and result take it up", async ({ request, baseURL }) => {
    const submitted = await studio(["image", "--server", baseURL!, "--prompt", "a lighthouse", "--image-size", "256x256", "--submit"]);
    expect(submitted.code, submitted.stderr).toBe(0);
    const { request_id: id, ...rest } = oneDocument(submitted);
    expect(rest).toEqual({});
    expect(typeof id).toBe("string");
    const status = oneDocument(await studio(["status", String(id), "--server", baseURL!]));
    expect(["queued", "running", "done"]).toContain(status.status);
    const result = await studio(["result", String(id), "--server", baseURL!, "--stream"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ id, status: "done" });
    expect((lines.at(-1)!.outputs as Output[])[0]).toMatchObject({ width: 256, height: 256 });
    const listed = (await (await request.get("/api/jobs?task=image&limit=100")).json()) as { jobs: { id: string }[] };
    expect(listed.jobs.map((j) => j.id)).toContain(id);
  });

  test("bad flags exit 2 with the usage on stderr; errors exit 1 with a JSON error", async ({ baseURL }) => {
    const badNumber = await studio(["image", "--server", baseURL!, "--prompt", "x", "--steps", "many"]);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stdout).toBe("");
    expect(badNumber.stderr).toContain("--steps:");
    expect(badNumber.stderr).toContain("--num-images <number>");
    const unknown = await studio(["text", "--prompt", "x", "--temprature", "1"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown flag --temprature");
    const missing = await studio(["inpaint", "--server", baseURL!, "--prompt", "a door", "--image", "/nowhere/in.png", "--mask", "/nowhere/mask.png"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--image: cannot read /nowhere/in.png");

    const notFound = await studio(["status", "no-such-job", "--server", baseURL!, "--verbose"]);
    expect(notFound.code).toBe(1);
    const doc = oneDocument(notFound);
    expect(doc.error).toMatchObject({ code: "not_found" });
    expect(typeof doc.trace).toBe("string");
    expect(oneDocument(await studio(["status", "no-such-job", "--server", baseURL!]))).not.toHaveProperty("trace");
  });

  test("the JSON API takes a small data: URL as a file and stores it like an upload", async ({ request }) => {
    const png = await sharp({ create: { width: 80, height: 80, channels: 3, background: "#2255aa" } }).png().toBuffer();
    const created = await request.post("/api/jobs", { data: { task: "background", mode: "remove", image: `data:application/octet-stream;base64,${png.toString("base64")}` } });
    expect(created.status(), await created.text()).toBe(201);
    const job = (await created.json()) as { input: { image: string } };
    expect(job.input.image).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
    expect((await request.get(job.input.image)).status()).toBe(200);
    const svg = `data:image/svg+xml;base64,${Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>").toString("base64")}`;
    const refused = await request.post("/api/jobs", { data: { task: "background", mode: "remove", image: svg } });
    expect(refused.status()).toBe(415);
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("image");
    // The control map maker takes its photo the same way.
    const map = await request.post("/api/control/map", { data: { kind: "edges", image: `data:image/png;base64,${png.toString("base64")}` } });
    expect(map.status(), await map.text()).toBe(201);
    expect(((await map.json()) as { url: string }).url).toMatch(/^\/api\/media\/[a-f0-9]{64}\.png$/);
  });
});

test.describe("the worker with no studio running", () => {
  let closed: string;
  let inProcess: Record<string, string>;
  test.beforeAll(async () => {
    closed = `http://127.0.0.1:${await freePort()}`;
    inProcess = { STUDIO_URL: closed, STUDIO_DATA_DIR: process.env.E2E_DATA_DIR! };
  });

  test("runs the job in-process on the data directory; the studio then has it", async ({ request }) => {
    const png = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#ffffff" } }).composite([{ input: { create: { width: 40, height: 30, channels: 3, background: "#118833" } }, left: 40, top: 30 }]).png().toBuffer();
    const run = await studio(["background", "--image", `data:image/png;base64,${png.toString("base64")}`, "--verbose"], { env: inProcess });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`no studio answers at ${closed}; running in-process`);
    const doc = oneDocument(run);
    expect(doc).toMatchObject({ task: "background", status: "done", engine: "local" });
    expect((doc.outputs as Output[])[0]).toMatchObject({ contentType: "image/png", width: 120, height: 90 });
    const job = (await (await request.get(`/api/jobs/${doc.id}`)).json()) as { status: string; outputs: { url: string }[] };
    expect(job.status).toBe("done");
    expect((await request.get(job.outputs[0]!.url)).status()).toBe(200);
  });

  test("--submit outlives the command: the job finishes on its own, and result finds it", async ({ request }) => {
    const image = await studio(["image", "--prompt", "a harbour at night", "--image-size", "256x256", "--submit"], { env: inProcess });
    expect(image.code, image.stderr).toBe(0);
    const { request_id: imageId } = oneDocument(image);
    const text = await studio(["text", "--prompt", "Summarise: Lighthouses guide ships. They stand on coasts. Their lights turn at night.", "--submit"], { env: inProcess });
    expect(text.code, text.stderr).toBe(0);
    const { request_id: textId } = oneDocument(text);
    // Nobody waits for the image: the detached worker drives it to the end.
    await expect.poll(async () => ((await (await request.get(`/api/jobs/${imageId}`)).json()) as { status: string }).status, { timeout: 20_000 }).toBe("done");
    const result = await studio(["result", String(textId)], { env: inProcess });
    expect(result.code, result.stderr).toBe(0);
    const doc = oneDocument(result);
    expect(doc).toMatchObject({ status: "done", error: null, partial: false });
    expect(String(doc.output)).toContain("Lighthouses guide ships");
    const listed = (await (await request.get("/api/jobs?task=text&limit=100")).json()) as { jobs: { id: string; status: string }[] };
    expect(listed.jobs.find((j) => j.id === textId)).toMatchObject({ status: "done" });
  });

  test("cancel reaches a job that a detached worker drives; result then exits 1", async () => {
    const slow = { ...inProcess, STUDIO_LOCAL_LATENCY_MS: "8000" };
    const { request_id: id } = oneDocument(await studio(["image", "--prompt", "a slow sunrise", "--image-size", "256x256", "--submit"], { env: slow }));
    const cancelled = await studio(["cancel", String(id)], { env: inProcess });
    expect(cancelled.code, cancelled.stdout + cancelled.stderr).toBe(0);
    expect(oneDocument(cancelled)).toMatchObject({ id, status: "cancelled" });
    const result = await studio(["result", String(id)], { env: inProcess });
    expect(result.code).toBe(1);
    expect(oneDocument(result)).toMatchObject({ status: "cancelled", outputs: [] });
  });

  test("a failing job whose upstream error echoes the key prints no key, even with --verbose", async ({ request }) => {
    // An OpenAI-compatible service that quotes the key back, as OpenAI's own "Incorrect API key" does.
    const echo: Server = createServer((req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}`, type: "invalid_request_error" } }));
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    try {
      const port = (echo.address() as { port: number }).port;
      const run = await studio(["text", "--prompt", "hello", "--verbose"], {
        env: { ...inProcess, STUDIO_ENGINE: "remote", OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, STUDIO_HTTP_RETRIES: "0" },
      });
      expect(run.code).toBe(1);
      const doc = oneDocument(run);
      expect(doc.status).toBe("failed");
      expect((doc.error as { message: string }).message).toContain("Incorrect API key provided: Bearer [redacted]");
      // Nor does the job record the studio keeps.
      const kept = await (await request.get(`/api/jobs/${doc.request_id}`)).text();
      expect(kept).toContain("Incorrect API key provided");
      expect(kept).not.toContain(TEST_KEYS.openai);
    } finally {
      echo.close();
    }
  });

  test("a key in the answer itself is masked on stdout and stderr", async () => {
    const run = await studio(["text", "--prompt", `Summarise: The deploy key is ${TEST_KEYS.fal} and must stay private. Rotate it monthly.`, "--stream", "--verbose"], { env: inProcess });
    expect(run.code, run.stderr).toBe(0);
    expectNoSecrets(run);
    expect(run.stdout).toContain("[redacted]");
  });
});
