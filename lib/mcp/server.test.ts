import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult, Progress } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import type { Studio } from "@/lib/agent/studio";
import { AppError } from "@/lib/errors";
import { newRecord } from "@/lib/jobs/record";
import type { JobRecord } from "@/lib/jobs/schema";
import { createMcpServer } from "./server";

/**
 * The server's own behaviour on a stand-in studio: how long it waits, what progress it tells, what
 * a failure looks like. (The real studio, over both transports, is e2e/mcp.spec.ts.)
 */

const record = (patch: Partial<JobRecord> = {}): JobRecord => ({
  ...newRecord({ id: "job-1", task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: { task: "image", prompt: "x", imageSize: "square", steps: 4, guidance: 3.5, numImages: 1, strength: 0.85 } }),
  ...patch,
});

const log = (message: string) => ({ message, level: "INFO", at: new Date().toISOString() });

function stubStudio(overrides: Partial<Studio>): Studio {
  const refuse = () => Promise.reject(new Error("not in this test"));
  return { where: "stub", origin: "http://studio.test", start: refuse, stream: refuse, job: refuse, wait: refuse, cancel: refuse, history: refuse, share: refuse, upload: refuse, close: async () => undefined, ...overrides };
}

async function connect(studio: Studio, waitMs?: number): Promise<Client> {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(studio, { waitMs }).connect(serverSide);
  const client = new Client({ name: "test", version: "1" });
  await client.connect(clientSide);
  await client.listTools(); // so the client checks results against the output schemas
  return client;
}

const errorText = (result: CallToolResult) => (result.content[0] as { text: string }).text;

describe("MCP job tools", () => {
  it("answer a job that outlasts the wait as it stands, having told its queue place, start and log lines", async () => {
    const running = record({ status: "running", logs: [log("Model loaded"), log("Step 2/4")] });
    const studio = stubStudio({
      start: async () => record(),
      job: async () => running,
      async wait(_id, onChange, signal) {
        onChange?.(record({ queuePosition: 2 }));
        onChange?.(record({ queuePosition: 2 }));
        onChange?.(record({ status: "running", logs: [log("Model loaded")] }));
        onChange?.(running);
        await new Promise((resolve) => signal!.addEventListener("abort", resolve));
        throw signal!.reason;
      },
    });
    const client = await connect(studio, 300);
    const progress: Progress[] = [];
    const started = Date.now();
    const result = (await client.callTool({ name: "generate_image", arguments: { prompt: "a slow one" } }, undefined, { onprogress: (p) => progress.push(p) })) as CallToolResult;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: "job-1", status: "running" });
    expect(progress.map((p) => p.message)).toEqual(["queued, position 2", "running", "Model loaded", "Step 2/4"]);
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4]);
  });

  it("report a job that failed as a tool error, with its record", async () => {
    const failed = record({ status: "failed", error: { code: "upstream", message: "No subject found" } });
    const client = await connect(stubStudio({ start: async () => record(), wait: async () => failed }));
    const result = (await client.callTool({ name: "generate_image", arguments: { prompt: "x" } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ status: "failed", error: { code: "upstream", message: "No subject found" } });
  });

  it("answer the API's error for what the studio refuses, and nothing of an unexpected failure's insides", async () => {
    const client = await connect(
      stubStudio({
        job: async () => Promise.reject(new AppError("not_found", "No such job.")),
        start: async () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2")),
      }),
    );
    const missing = (await client.callTool({ name: "get_job", arguments: { id: "nope" } })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(JSON.parse(errorText(missing))).toEqual({ error: { code: "not_found", message: "No such job." } });

    const broken = (await client.callTool({ name: "generate_image", arguments: { prompt: "x" } })) as CallToolResult;
    expect(broken.isError).toBe(true);
    expect(JSON.parse(errorText(broken))).toEqual({ error: { code: "internal", message: "Something went wrong in the studio." } });
    expect(JSON.stringify(broken)).not.toMatch(/hunter2|10\.0\.0\.5/);
  });

  it("hand the API store paths for files given as this studio's URLs", async () => {
    const sha = "b".repeat(64);
    let given: unknown;
    const client = await connect(stubStudio({ start: async (input) => ((given = input), record()) }));
    await client.callTool({ name: "edit_image", arguments: { prompt: "x", image: `http://studio.test/api/media/${sha}.png`, wait: false } });
    expect(given).toEqual({ task: "image", prompt: "x", sourceImage: `/api/media/${sha}.png` });
    await client.callTool({ name: "edit_image", arguments: { prompt: "x", image: `/api/media/${sha}.png`, mask: `http://studio.test/api/media/${sha}.png`, wait: false } });
    expect(given).toEqual({ task: "inpaint", prompt: "x", image: `/api/media/${sha}.png`, mask: `/api/media/${sha}.png` });
  });
});
