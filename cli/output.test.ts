import { describe, expect, it } from "vitest";
import { newRecord } from "@/lib/jobs/record";
import type { JobRecord } from "@/lib/jobs/schema";
import { documentOf, exitCodeOf, jobDocument, textDocument } from "./output";

const ORIGIN = "https://studio.example.com";

function textJob(fields: Partial<JobRecord>, input: Record<string, unknown> = {}): JobRecord {
  const job = newRecord({ id: "t1", task: "text", endpointId: "openai/gpt-4.1-mini", engine: "openai", input: { task: "text", prompt: "hi", reasoning: false, ...input } as JobRecord["input"] });
  return { ...job, ...fields };
}

describe("the text document", () => {
  it("answers output, reasoning, partial, error and the raw record", () => {
    const doc = textDocument(textJob({ status: "done", text: "Blue light scatters.", reasoning: "Rayleigh.", usage: { inputTokens: 5, outputTokens: 4 } }), ORIGIN);
    expect(doc).toMatchObject({ request_id: "t1", status: "done", output: "Blue light scatters.", reasoning: "Rayleigh.", partial: false, error: null });
    expect(doc.raw.id).toBe("t1");
    expect(doc.raw).not.toHaveProperty("webhook");
  });

  it("is partial when the model stopped at the token limit, was stopped, or failed after some text", () => {
    expect(textDocument(textJob({ status: "done", text: "Blue", usage: { inputTokens: 5, outputTokens: 20 } }, { maxTokens: 20 }), ORIGIN).partial).toBe(true);
    expect(textDocument(textJob({ status: "done", text: "Blue", usage: { inputTokens: 5, outputTokens: 19 } }, { maxTokens: 20 }), ORIGIN).partial).toBe(false);
    expect(textDocument(textJob({ status: "done", text: "Blue" }), ORIGIN, true).partial).toBe(true);
    const stopped = textDocument(textJob({ status: "cancelled", text: "Blue light" }), ORIGIN);
    expect(stopped).toMatchObject({ partial: true, error: { code: "cancelled" } });
    const failed = textDocument(textJob({ status: "failed", text: null, error: { code: "upstream", message: "down" } }), ORIGIN);
    expect(failed).toMatchObject({ output: "", partial: false, error: { code: "upstream", message: "down" } });
  });
});

describe("the job document", () => {
  const image = (): JobRecord => ({
    ...newRecord({ id: "j1", task: "image", endpointId: "fal-ai/flux/dev", engine: "fal", input: { task: "image", prompt: "fox" } as JobRecord["input"] }),
    status: "done",
    seed: 7,
    outputs: [{ kind: "image", url: "/api/media/abc.png", contentType: "image/png", width: 512, height: 512, bytes: 1000 }],
    timings: { totalMs: 900 },
  });

  it("makes output URLs absolute on the studio and carries seed, timings and the share link", () => {
    const doc = jobDocument(image(), ORIGIN, `${ORIGIN}/s/xyz`);
    expect(doc.outputs[0]).toMatchObject({ url: `${ORIGIN}/api/media/abc.png`, width: 512, height: 512, bytes: 1000, contentType: "image/png" });
    expect(doc).toMatchObject({ request_id: "j1", status: "done", model: "fal-ai/flux/dev", seed: 7, timings: { totalMs: 900 }, error: null, share_url: `${ORIGIN}/s/xyz` });
    expect(exitCodeOf(image())).toBe(0);
  });

  it("says a job still going is not finished, and exits 1 for it", () => {
    const running = { ...image(), status: "running" as const, outputs: [] };
    expect(documentOf(running, ORIGIN)).toMatchObject({ status: "running", error: { code: "not_finished" } });
    expect(exitCodeOf(running)).toBe(1);
  });
});
