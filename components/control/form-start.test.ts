import { describe, expect, it } from "vitest";
import type { Remix, Seed } from "@/components/job/remix-types";
import { draftSchemas, type UploadedFile } from "@/lib/client/draft-schemas";
import type { ModelOption } from "@/lib/providers/model-option";
import type { ControlInput } from "@/lib/tasks/control/definition";
import { controlFormStart } from "./form-start";

const model = (id: string, defaults: ModelOption["defaults"] = {}) => ({ id, label: id, supports: {}, defaults }) as unknown as ModelOption;
const models = { pose: [model("pose-a", { strength: 0.9, steps: 30 }), model("pose-b")], depth: [model("depth-a")], edges: [model("edges-a"), model("edges-b")] };
const file = (name: string): UploadedFile => {
  const url = `/api/media/${name.repeat(64)}.png`;
  return { name: `${name}.png`, preview: url, uploaded: { url, contentType: "image/png", bytes: 100, width: 512, height: 768 } };
};
const remix = (input: ControlInput, media: Remix<ControlInput>["media"]): Remix<ControlInput> => ({
  key: "remix:job-1",
  jobId: "job-1",
  createdAt: "2026-12-01T00:00:00.000Z",
  model: "edges-b",
  missing: [],
  input,
  media,
});
const job: ControlInput = { task: "control", kind: "edges", map: file("a").uploaded.url, prompt: "a lighthouse", strength: 0.6, steps: 20, guidance: 5, numImages: 2, seed: 42 };

describe("controlFormStart: what the Control form opens with", () => {
  it("defaults to drawing a pose with the first model of each kind, the first pose model's sampling, and a valid draft", () => {
    const { defaults, initial } = controlFormStart(models, undefined);
    expect(initial).toBeUndefined();
    expect(defaults).toMatchObject({ kind: "pose", source: "draw", model: { pose: "pose-a", depth: "depth-a", edges: "edges-a" }, strength: 0.9, steps: 30, matchMap: true, randomSeed: true });
    expect(draftSchemas.control.safeParse(defaults).success).toBe(true);
  });

  it("sets every field from a job, its map attached as an upload, its seed fixed and its model chosen for its kind", () => {
    const { defaults, initial } = controlFormStart(models, remix(job, { map: file("a") }));
    expect(initial).toEqual({
      kind: "edges",
      source: "upload",
      model: { pose: "", depth: "", edges: "edges-b" },
      prompt: "a lighthouse",
      negative: "",
      strength: 0.6,
      matchMap: true,
      steps: 20,
      guidance: 5,
      numImages: "2",
      seed: "42",
      randomSeed: false,
      map: file("a"),
    });
    expect(draftSchemas.control.safeParse({ ...defaults, ...initial }).success).toBe(true);
  });

  it("opens a job whose map is gone on the kind's own source, and keeps its picture size", () => {
    const { initial } = controlFormStart(models, remix({ ...job, kind: "pose", imageSize: "square_hd" }, {}));
    expect(initial).toMatchObject({ kind: "pose", source: "draw", map: null, matchMap: false, size: "square_hd" });
  });

  it("takes a handed-on photo as the one to find edges in, and sets nothing else", () => {
    const handed: Seed<ControlInput> = { key: "image:b", input: { kind: "edges" }, media: { photo: file("b") } };
    expect(controlFormStart(models, handed).initial).toEqual({ kind: "edges", source: "photo", photo: file("b") });
  });
});
