import { describe, expect, it } from "vitest";
import { newRecord } from "@/lib/jobs/record";
import { generationInputSchema, promptDraftRequestSchema } from "@/lib/jobs/schema";
import { jobTitle, settingsOf, summarize } from "./describe";
import { excerpt } from "./format";

/** A job as the form sends it: the schema fills in every default (steps, guidance…), whatever the model takes. */
const jobOn = (endpointId: string, input: Record<string, unknown>) =>
  newRecord({ id: "j1", task: input.task as "video", endpointId, engine: "local", input: generationInputSchema.parse({ ...input, model: endpointId }) });
const labels = (job: ReturnType<typeof jobOn>) => settingsOf(job).map((s) => s.label);

describe("a job's settings list only what its model takes", () => {
  it("a Kling video lists its duration and aspect ratio, not the steps and guidance it never took", () => {
    const job = jobOn("fal-ai/kling-video/v2.1/master/text-to-video", { task: "video", prompt: "waves at night", duration: "5", aspectRatio: "16:9" });
    expect(job.input).toMatchObject({ steps: 30, guidance: 3 });
    expect(labels(job)).toEqual(["Prompt", "Mode", "Duration", "Aspect ratio"]);
  });

  it("an LTX-2 video lists no negative prompt, steps or guidance; LTX Video lists its steps and guidance", () => {
    expect(labels(jobOn("fal-ai/ltx-2/text-to-video/fast", { task: "video", prompt: "waves", negativePrompt: "blur", duration: "6" }))).toEqual(["Prompt", "Mode", "Duration"]);
    expect(labels(jobOn("fal-ai/ltx-video", { task: "video", prompt: "waves", negativePrompt: "blur" }))).toEqual(["Prompt", "Negative prompt", "Mode", "Steps", "Guidance"]);
  });

  it("an image on FLUX keeps its steps and guidance", () => {
    expect(labels(jobOn("fal-ai/flux/dev", { task: "image", prompt: "a lighthouse" }))).toEqual(["Prompt", "Mode", "Size", "Steps", "Guidance", "Images"]);
  });

  it("an endpoint the catalog does not know keeps every setting", () => {
    expect(labels(jobOn("someone/new-video-model", { task: "video", prompt: "waves" }))).toEqual(["Prompt", "Mode", "Steps", "Guidance"]);
  });
});

describe("a job's summary, which the server hands to the browser", () => {
  const audio = `/api/media/${"a".repeat(64)}.mp3`;

  it("names a transcription by its transcript once it has one, as its title does", () => {
    const running = jobOn("fal-ai/whisper", { task: "transcribe", audio });
    const done = { ...running, status: "done" as const, text: "Hello there, and welcome to the show." };
    expect(summarize(running)).toMatchObject({ taskLabel: "Transcript", name: "Transcription", rerunnable: true });
    expect(summarize(done).name).toBe("“Hello there, and welcome to the show.”");
    expect(excerpt(summarize(done).name, 20)).toBe(jobTitle(done, 20));
  });

  it("names an image by its whole prompt, which each view cuts to its length", () => {
    const prompt = "a lighthouse at dawn, ".repeat(10).trim();
    const job = jobOn("fal-ai/flux/dev", { task: "image", prompt });
    expect(summarize(job).name).toBe(prompt);
    expect(excerpt(summarize(job).name, 140)).toBe(jobTitle(job, 140));
  });

  it("says a prompt draft cannot be re-run on the server", () => {
    const job = newRecord({ id: "j2", task: "prompts", endpointId: "openai:gpt-4o-mini", engine: "local", input: promptDraftRequestSchema.parse({ idea: "a quiet harbour" }) });
    expect(summarize(job)).toMatchObject({ taskLabel: "Prompts", name: "a quiet harbour", rerunnable: false });
  });
});
