import { describe, expect, it } from "vitest";
import { z } from "zod";
import { imageTask } from "@/lib/tasks/image/definition";
import { inpaintTask } from "@/lib/tasks/inpaint/definition";
import { storePath, withStorePaths } from "./files";
import { toolFields } from "./tool-input";

const SHA = "a".repeat(64);

describe("tool inputs derived from the tasks' API schemas", () => {
  const image = z.object(toolFields(imageTask.input, imageTask.media));

  it("leaves defaults to the API, which picks the chosen model's own sampling values", () => {
    const parsed = image.parse({ prompt: "a lighthouse" });
    expect(parsed).toEqual({ prompt: "a lighthouse" });
    // The default is still told to agents.
    expect(z.toJSONSchema(image).properties!.steps).toMatchObject({ default: 28, minimum: 1, maximum: 50 });
  });

  it("keeps the API's limits and drops the task literal", () => {
    expect(image.safeParse({ prompt: "x".repeat(4001) }).success).toBe(false);
    expect(image.safeParse({ prompt: "x", numImages: 5 }).success).toBe(false);
    expect(image.shape).not.toHaveProperty("task");
  });

  it("takes file fields as URLs (required where the task requires them)", () => {
    const inpaint = z.object(toolFields(inpaintTask.input, inpaintTask.media));
    const url = `http://localhost:3000/api/media/${SHA}.png`;
    expect(inpaint.safeParse({ prompt: "x", image: url, mask: url }).success).toBe(true);
    expect(inpaint.safeParse({ prompt: "x", image: url }).success).toBe(false);
    expect(z.toJSONSchema(inpaint).properties!.mask).toMatchObject({ description: expect.stringMatching(/upload_file/) });
  });
});

describe("file URLs", () => {
  const origin = "http://localhost:3000";

  it("turns this studio's absolute media URLs into store paths, and nothing else", () => {
    expect(storePath(`${origin}/api/media/${SHA}.png`, origin)).toBe(`/api/media/${SHA}.png`);
    expect(storePath(`/api/media/${SHA}.png`, origin)).toBe(`/api/media/${SHA}.png`);
    // Another host's file is not ours, whatever its path: left for the API to refuse.
    expect(storePath(`http://elsewhere.example/api/media/${SHA}.png`, origin)).toBe(`http://elsewhere.example/api/media/${SHA}.png`);
    expect(storePath(`${origin}/s/abc`, origin)).toBe(`${origin}/s/abc`);
  });

  it("rewrites only the task's file fields", () => {
    const input = withStorePaths({ task: "inpaint", prompt: `${origin}/api/media/${SHA}.png`, image: `${origin}/api/media/${SHA}.png` }, inpaintTask.media, origin);
    expect(input).toEqual({ task: "inpaint", prompt: `${origin}/api/media/${SHA}.png`, image: `/api/media/${SHA}.png` });
  });
});
