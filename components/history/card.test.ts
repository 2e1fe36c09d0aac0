import { describe, expect, it } from "vitest";
import { summarize } from "@/components/job/describe";
import { newRecord } from "@/lib/jobs/record";
import { generationInputSchema, type JobRecord } from "@/lib/jobs/schema";
import { cardOf, isRecord } from "./card";

const media = (n: number) => `/api/media/${String(n).repeat(64)}.png`;
const imageJob = (): JobRecord => ({
  ...newRecord({ id: "j1", task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: generationInputSchema.parse({ task: "image", prompt: "a lighthouse at dusk" }) }),
  status: "done",
  outputs: [1, 2].map((n) => ({ kind: "image" as const, url: media(n), contentType: "image/png", width: 512, height: 384 })),
  logs: Array.from({ length: 50 }, (_, i) => ({ message: `step ${i}`, level: "info", at: "2026-01-01T00:00:00.000Z" })),
  shareId: "s".repeat(24),
});
const card = (job: JobRecord) => cardOf(job, summarize(job));

describe("a History card is sent what it shows, not the job's record", () => {
  it("a finished picture job: its first picture and how many were made, whether it is shared; no input, logs or timeline", () => {
    const job = imageJob();
    const c = card(job);
    expect(c).toMatchObject({ id: "j1", task: "image", status: "done", shared: true, thumb: { kind: "picture", url: media(1), count: 2 } });
    expect(c.summary.name).toBe("a lighthouse at dusk");
    for (const field of ["input", "logs", "timeline", "outputs"]) expect(c).not.toHaveProperty(field);
    expect(JSON.stringify(c).length).toBeLessThan(JSON.stringify(job).length / 4);
    expect(card({ ...job, shareId: null }).shared).toBe(false);
  });

  it("a long transcript travels cut to what the thumbnail shows, set small; a short one whole, set large", () => {
    const audio = `/api/media/${"a".repeat(64)}.mp3`;
    const running = newRecord({ id: "t1", task: "transcribe", endpointId: "fal-ai/whisper", engine: "local", input: generationInputSchema.parse({ task: "transcribe", audio }) });
    const long = card({ ...running, status: "done", text: "word ".repeat(2000) });
    expect(long.thumb).toMatchObject({ kind: "quote", short: false });
    expect(long.thumb?.kind === "quote" && long.thumb.text!.length).toBeLessThanOrEqual(260);
    expect(card({ ...running, status: "done", text: " Hello there. " }).thumb).toEqual({ kind: "quote", text: "Hello there.", short: true, empty: "No speech was recognised." });
  });

  it("an unfinished job shows its state, not a thumbnail; a failed one says why", () => {
    const job = imageJob();
    expect(card({ ...job, status: "running" }).thumb).toBeNull();
    expect(card({ ...job, status: "failed", error: { code: "provider_error", message: "refused" } })).toMatchObject({ thumb: null, error: "refused" });
  });

  it("tells the record a live card is handed back from the card it started as", () => {
    const job = imageJob();
    expect(isRecord(job)).toBe(true);
    expect(isRecord(card(job))).toBe(false);
  });
});
