import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { CallToolResult, Progress, Tool } from "@modelcontextprotocol/sdk/types.js";
import sharp from "sharp";
import { TEST_KEYS } from "../playwright.config";
import { expect, test } from "./fixtures";
import type { JobRecord } from "./support/api";
import { sendBigBody } from "./support/big-body";
import { sendRaw } from "./support/raw-http";

/**
 * The MCP server as agents meet it: the SDK's own client, over Streamable HTTP (/api/mcp on the
 * production server) and over stdio (a child process on the same data directory and local engine).
 */

// The one place the stdio server is started; becomes `node bin/studio.mjs mcp` once the command is in.
const STDIO_SERVER = { command: process.execPath, args: ["bin/studio.mjs", "mcp"] };

const TOOLS = [
  "generate_image", "edit_image", "control_image", "generate_video", "transcribe_audio", "speak",
  "remove_background", "write_text", "draft_prompts", "get_job", "list_history", "share_job", "cancel_job", "upload_file",
];

type ToolJob = Omit<JobRecord, "webhook"> & { shareUrl?: string };

/**
 * A connected client that has listed the tools, so it checks every structured result against its
 * tool's output schema. What the transport could not read as protocol goes to `unreadable`.
 */
async function connected(transport: Transport, unreadable: string[] = []): Promise<Client> {
  const client = new Client({ name: "e2e", version: "1" });
  client.onerror = (err) => unreadable.push(err.message);
  await client.connect(transport);
  await client.listTools();
  return client;
}

const httpClient = (baseURL: string) => connected(new StreamableHTTPClientTransport(new URL("/api/mcp", baseURL)));

async function stdioClient(baseURL: string, unreadable: string[]): Promise<Client> {
  const transport = new StdioClientTransport({
    ...STDIO_SERVER,
    cwd: process.cwd(),
    stderr: "pipe",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      // `studio mcp` drives the e2e server (its jobs are the server's), with the dummy keys it demands.
      STUDIO_URL: baseURL,
      STUDIO_DATA_DIR: process.env.E2E_DATA_DIR!,
      STUDIO_ENGINE: "local",
      FAL_KEY: TEST_KEYS.fal,
      OPENAI_API_KEY: TEST_KEYS.openai,
    },
  });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return connected(transport, unreadable).catch((err: unknown) => {
    throw new Error(`stdio server did not start: ${err}\n${stderr}`);
  });
}

async function call(client: Client, name: string, args: Record<string, unknown>, onprogress?: (p: Progress) => void): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : undefined)) as CallToolResult;
}

function jobOf(result: CallToolResult): ToolJob {
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const job = result.structuredContent as ToolJob;
  // The text block carries the same record, for clients that read only text.
  const text = result.content.find((c) => c.type === "text");
  expect(text && JSON.parse(text.text)).toEqual(job);
  return job;
}

function errorOf(result: CallToolResult): { code: string; message: string } {
  expect(result.isError).toBe(true);
  const text = result.content.find((c) => c.type === "text");
  return (JSON.parse(text!.text) as { error: { code: string; message: string } }).error;
}

/** A done image job's preview: a real picture, small, and smaller than the image itself. */
async function expectPreview(result: CallToolResult, job: ToolJob) {
  const images = result.content.flatMap((c) => (c.type === "image" ? [c] : []));
  expect(images).toHaveLength(job.outputs.length);
  const meta = await sharp(Buffer.from(images[0]!.data, "base64")).metadata();
  expect(images[0]!.mimeType).toBe(`image/${meta.format}`);
  expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(256);
  expect(meta.width!).toBeLessThan(job.outputs[0]!.width!);
  expect(meta.width! / meta.height!).toBeCloseTo(job.outputs[0]!.width! / job.outputs[0]!.height!, 1);
}

test.describe("MCP over Streamable HTTP", () => {
  test.describe("without jobs", () => {
    test.use({ usesEngine: false });

    test("lists every tool, with the API's fields and limits in its input schema", async ({ baseURL }) => {
      const client = await httpClient(baseURL!);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
      const schema = (name: string) => tools.find((t) => t.name === name)!.inputSchema as Tool["inputSchema"] & { properties: Record<string, Record<string, unknown>> };

      const image = schema("generate_image");
      expect(image.required).toEqual(["prompt"]);
      expect(image.properties.prompt).toMatchObject({ type: "string", minLength: 1, maxLength: 4000 });
      expect(image.properties.numImages).toMatchObject({ type: "integer", minimum: 1, maximum: 4, default: 1 });
      expect(JSON.stringify(image.properties.imageSize)).toContain("landscape_16_9");
      expect(image.properties.webhookUrl).toMatchObject({ type: "string", maxLength: 2048 });
      expect(image.properties.task).toBeUndefined();
      // A file field says what it takes.
      expect(schema("edit_image").properties.mask!.description).toMatch(/upload_file/);
      expect(schema("edit_image").required).toEqual(["prompt", "image"]);
      expect(schema("remove_background").properties.mode).toMatchObject({ enum: ["remove", "replace"] });
      expect(schema("list_history").properties.status).toMatchObject({ enum: ["active", "queued", "running", "done", "failed", "cancelled"] });
      // Over HTTP, upload_file takes data only: a path would read the server's own files.
      expect(schema("upload_file").properties.path).toBeUndefined();
      for (const tool of tools) expect(tool.description!.length, tool.name).toBeGreaterThan(60);
      await client.close();
    });

    test("answers only the API's way: other sites, other host names, bad bodies and GET are refused with 4xx JSON", async ({ baseURL, request }) => {
      const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "1" } } };
      const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
      // The same request as the refused ones, as a program sends it, is answered.
      expect((await request.post("/api/mcp", { headers, data: init })).status()).toBe(200);

      for (const foreign of [{ origin: "https://evil.example" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
        const res = await request.post("/api/mcp", { headers: { ...headers, ...foreign }, data: init });
        expect(res.status(), JSON.stringify(foreign)).toBe(403);
        expect((await res.json()).error.code).toBe("forbidden");
      }
      const url = new URL(baseURL!);
      const rebound = await sendRaw(
        { host: url.hostname, port: Number(url.port) },
        { method: "POST", path: "/api/mcp", headers: { ...headers, host: `rebound.example:${url.port}` }, body: Buffer.from(JSON.stringify(init)) },
        { timeoutMs: 10_000 },
      );
      expect(rebound.ok && rebound.status).toBe(403);

      const malformed = await request.post("/api/mcp", { headers, data: "{ not json" });
      expect(malformed.status()).toBe(400);
      expect(await malformed.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32700 } });
      const notRpc = await request.post("/api/mcp", { headers, data: { hello: "world" } });
      expect(notRpc.status()).toBe(400);
      expect((await notRpc.json()).error.code).toBe(-32700);
      expect((await request.post("/api/mcp", { headers: { ...headers, "content-type": "text/plain" }, data: "{}" })).status()).toBe(415);

      // Chunked, so the size is known only while reading: refused at the limit, not read to the end.
      const big = await sendBigBody(`${baseURL}/api/mcp`, { method: "POST", headers, totalBytes: 64 * 1024 ** 2 });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).error.code).toBe("payload_too_large");
      expect(big.sentBytes).toBeLessThan(64 * 1024 ** 2);

      for (const method of ["GET", "DELETE"] as const) {
        const res = await request.fetch("/api/mcp", { method, headers: { accept: "text/event-stream" } });
        expect(res.status(), method).toBe(405);
        expect(res.headers().allow).toBe("POST");
      }
    });
  });

  test.describe("language jobs", () => {
    test.use({ usesEngine: false });

    test("write_text and draft_prompts answer with the finished record", async ({ baseURL }) => {
      const client = await httpClient(baseURL!);
      const text = jobOf(await call(client, "write_text", { prompt: "Say hello to the lighthouse keeper.", maxTokens: 200 }));
      expect(text).toMatchObject({ task: "text", status: "done" });
      expect(text.text!.length).toBeGreaterThan(0);
      const drafts = jobOf(await call(client, "draft_prompts", { idea: "a harbour at dawn", count: 2 }));
      expect(drafts).toMatchObject({ task: "prompts", status: "done" });
      expect(drafts.prompts).toHaveLength(2);
      await client.close();
    });
  });

  test.describe("with jobs", () => {
    test.describe.configure({ mode: "serial" });
    test.use({ exclusiveEngine: true });

    test("an agent makes an image, follows its progress, finds it in History and shares it", async ({ baseURL, request, engine }) => {
      await engine.set({ latencyMs: 1500 });
      const client = await httpClient(baseURL!);
      const prompt = `mcp http lighthouse ${Date.now()}`;
      const progress: (Progress & { receivedAt: number })[] = [];
      const result = await call(client, "generate_image", { prompt, imageSize: "square_hd", seed: 7 }, (p) => progress.push({ ...p, receivedAt: Date.now() }));
      const job = jobOf(result);
      expect(job).toMatchObject({ task: "image", status: "done", seed: 7 });
      expect(job.outputs).toHaveLength(1);

      // Progress from the queue arrived while the job ran (streamed, not held back to the end), numbered upwards.
      const running = progress.find((p) => p.message === "running");
      expect(running, JSON.stringify(progress)).toBeDefined();
      expect(running!.receivedAt).toBeLessThan(Date.parse(job.timeline.find((t) => t.status === "done")!.at));
      expect(progress.map((p) => p.progress)).toEqual(progress.map((_, i) => i + 1));

      // The output URL is absolute on the studio and serves the stored file.
      const output = job.outputs[0]!;
      expect(output.url).toMatch(new RegExp(`^${baseURL}/api/media/[a-f0-9]{64}\\.png$`));
      const file = await request.get(output.url);
      expect(file.status()).toBe(200);
      expect((await file.body()).byteLength).toBe(output.bytes);
      await expectPreview(result, job);

      const got = jobOf(await call(client, "get_job", { id: job.id }));
      expect(got).toMatchObject({ id: job.id, status: "done", outputs: job.outputs });

      const history = (await call(client, "list_history", { q: prompt, task: "image", status: "done" })).structuredContent as { jobs: ToolJob[] };
      expect(history.jobs.map((j) => j.id)).toEqual([job.id]);

      const shared = jobOf(await call(client, "share_job", { id: job.id }));
      expect(shared.shareUrl).toMatch(new RegExp(`^${baseURL}/s/[A-Za-z0-9_-]{24}$`));
      const page = await request.get(shared.shareUrl!);
      expect(page.status()).toBe(200);
      expect(await page.text()).toContain(prompt);
      await client.close();
    });

    test("wait=false answers the queued job at once; get_job with wait follows it to the end", async ({ baseURL, engine }) => {
      await engine.set({ latencyMs: 1500 });
      const client = await httpClient(baseURL!);
      const started = jobOf(await call(client, "generate_image", { prompt: "mcp no wait", wait: false }));
      expect(started.status).toMatch(/^(queued|running)$/);
      const progress: Progress[] = [];
      const done = jobOf(await call(client, "get_job", { id: started.id, wait: true }, (p) => progress.push(p)));
      expect(done.status).toBe("done");
      expect(progress.length).toBeGreaterThan(0);
      await client.close();
    });

    test("cancel_job stops a running job, and a second cancel is a tool error", async ({ baseURL, engine, request }) => {
      await engine.set({ latencyMs: 5000 });
      const client = await httpClient(baseURL!);
      const started = jobOf(await call(client, "generate_image", { prompt: "mcp cancel me", wait: false }));
      const cancelled = await call(client, "cancel_job", { id: started.id });
      expect(cancelled.isError, JSON.stringify(cancelled.content)).toBeFalsy();
      expect(jobOf(cancelled)).toMatchObject({ id: started.id, status: "cancelled" });
      expect((await (await request.get(`/api/jobs/${started.id}`)).json()).status).toBe("cancelled");
      const again = await call(client, "cancel_job", { id: started.id });
      expect(again.isError).toBe(true);
      expect(JSON.parse((again.content[0] as { text: string }).text)).toMatchObject({ error: { code: "conflict" } });
      await client.close();
    });
  });

  test("upload_file stores a data: URL, and its URL feeds another tool", async ({ baseURL }) => {
    const client = await httpClient(baseURL!);
    // A subject on a plain ground, so the local engine finds something to cut out.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="#eeeeee"/><circle cx="160" cy="100" r="60" fill="#aa3333"/></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const upload = await call(client, "upload_file", { kind: "image", data: `data:image/png;base64,${png.toString("base64")}` });
    expect(upload.isError, JSON.stringify(upload.content)).toBeFalsy();
    const file = upload.structuredContent as { url: string; width: number; height: number };
    expect(file).toMatchObject({ width: 320, height: 200 });
    expect(file.url).toMatch(new RegExp(`^${baseURL}/api/media/`));

    const job = jobOf(await call(client, "remove_background", { image: file.url }));
    expect(job.status).toBe("done");
    expect(job.input).toMatchObject({ image: new URL(file.url).pathname });

    // Not an image: refused as the upload route refuses it.
    expect(errorOf(await call(client, "upload_file", { kind: "image", data: "data:image/png;base64,aGVsbG8=" })).code).toBe("unsupported");
    await client.close();
  });

  test("speak takes a voice its description names, and answers a stored audio file", async ({ baseURL, request }) => {
    const client = await httpClient(baseURL!);
    const { tools } = await client.listTools();
    const voice = tools.find((t) => t.name === "speak")!.description!.match(/kokoro\/american-english[^:]*: (\w+)/)?.[1];
    expect(voice).toBeTruthy();
    const job = jobOf(await call(client, "speak", { text: "Hello from the harbour.", voice }));
    expect(job.status).toBe("done");
    expect(job.outputs[0]).toMatchObject({ kind: "audio" });
    const file = await request.get(job.outputs[0]!.url);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toMatch(/^audio\//);
    await client.close();
  });

  test("failures come back as tool errors in the API's terms", async ({ baseURL }) => {
    const client = await httpClient(baseURL!);
    expect(errorOf(await call(client, "get_job", { id: "no-such-job" }))).toEqual({ code: "not_found", message: "No such job." });
    // Checked by the API's own schema (a refinement the tool's schema cannot say).
    const refused = errorOf(await call(client, "remove_background", { image: "/api/media/" + "a".repeat(64) + ".png", mode: "replace" }));
    expect(refused).toMatchObject({ code: "validation", message: "prompt: Describe the new background" });
    // Refused by the tool's schema before anything runs.
    expect((await call(client, "generate_image", { prompt: "x", numImages: 9 })).isError).toBe(true);
    await client.close();
  });
});

test.describe("MCP over stdio", () => {
  test("an agent lists the tools, makes an image and gets the job; the server has it too", async ({ baseURL, api, request }) => {
    const unreadable: string[] = [];
    const client = await stdioClient(baseURL!, unreadable);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    // On the agent's own machine a file may be given by path.
    expect((tools.find((t) => t.name === "upload_file")!.inputSchema.properties as Record<string, unknown>).path).toBeDefined();

    const prompt = `mcp stdio harbour ${Date.now()}`;
    const result = await call(client, "generate_image", { prompt, imageSize: "square" });
    const job = jobOf(result);
    expect(job.status).toBe("done");
    await expectPreview(result, job);
    const file = await request.get(job.outputs[0]!.url);
    expect(file.status()).toBe(200);
    expect((await file.body()).byteLength).toBe(job.outputs[0]!.bytes);

    expect(jobOf(await call(client, "get_job", { id: job.id }))).toMatchObject({ id: job.id, status: "done" });
    // A file on this machine, by path: the agent's own files are the stdio server's.
    const local = test.info().outputPath("subject.png");
    await sharp({ create: { width: 96, height: 64, channels: 3, background: "#2255aa" } }).png().toFile(local);
    const upload = await call(client, "upload_file", { kind: "image", path: local });
    expect(upload.structuredContent).toMatchObject({ url: expect.stringMatching(new RegExp(`^${baseURL}/api/media/`)), width: 96, height: 64 });
    const onServer = await api.job(job.id);
    expect(onServer.input).toMatchObject({ prompt });
    await client.close();
    // Standard output carried the protocol and nothing else.
    expect(unreadable).toEqual([]);
  });
});
