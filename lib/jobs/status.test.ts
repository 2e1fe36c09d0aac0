import { describe, expect, it } from "vitest";
import { newRecord } from "./record";
import { transition } from "./status";

const job = () => newRecord({ id: "j", task: "image", endpointId: "fal-ai/flux/dev", engine: "local", input: { task: "image", prompt: "x", imageSize: "square", steps: 1, guidance: 1, numImages: 1, strength: 0.5 } });

describe("job state machine", () => {
  it("moves forward and records the ending's fields", () => {
    const j = job();
    expect(transition(j, { to: "queued", queuePosition: 3 })).toBe(true);
    expect(j.queuePosition).toBe(3);
    expect(transition(j, { to: "running" })).toBe(true);
    expect(j.queuePosition).toBeNull();
    expect(transition(j, { to: "done", fields: { seed: 7, text: "hi" } })).toBe(true);
    expect([j.status, j.seed, j.text]).toEqual(["done", 7, "hi"]);
  });

  it("never goes back from running to queued (a stale poll)", () => {
    const j = job();
    transition(j, { to: "running" });
    expect(transition(j, { to: "queued", queuePosition: 0 })).toBe(false);
    expect(j.status).toBe("running");
  });

  it("leaves a finished job as it is: a late result cannot undo a cancel", () => {
    const j = job();
    transition(j, { to: "cancelled" });
    expect(transition(j, { to: "done", fields: { seed: 1 } })).toBe(false);
    expect(transition(j, { to: "failed", error: { code: "x", message: "y" } })).toBe(false);
    expect([j.status, j.seed, j.error]).toEqual(["cancelled", null, null]);
  });

  it("does not finish a job twice: a second driver's ending changes nothing", () => {
    const j = job();
    transition(j, { to: "done", fields: { seed: 1, timings: { totalMs: 10 } } });
    expect(transition(j, { to: "done", fields: { seed: 2, timings: { totalMs: 20 } } })).toBe(false);
    expect([j.seed, j.timings.totalMs]).toEqual([1, 10]);
  });

  it("records why a job failed", () => {
    const j = job();
    transition(j, { to: "failed", error: { code: "upstream", message: "boom" } });
    expect(j.error).toEqual({ code: "upstream", message: "boom" });
  });
});
