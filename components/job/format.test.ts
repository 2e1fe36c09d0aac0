import { describe, expect, it } from "vitest";
import { newRecord } from "@/lib/jobs/record";
import { generationInputSchema } from "@/lib/jobs/schema";
import { settingsOf } from "./format";

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
