import { ApiError, ValidationError } from "@fal-ai/client";
import { beforeAll, describe, expect, it } from "vitest";
import { shutdownSignal } from "@/lib/shutdown";
import { abortRegistrations } from "@/test/abort-registrations";
import { useStudioEnv } from "@/test/engine-harness";
import { localFalClient } from "@/test/local-fal-client";

/** The real @fal-ai/client's stream() against the local engine's `fal.run/<id>/stream` route. */

const KEY = "test-fal-key";
const fal = (credentials = KEY) => localFalClient(credentials);
const TEXT = "Bees make honey in the hive. The weather was dull. Honey bees guard the hive and its honey. A cat slept.";
type Event = { output: string; reasoning?: string; partial?: boolean; usage?: { input_tokens: number; output_tokens: number } };

beforeAll(async () => await useStudioEnv({ FAL_KEY: KEY }));

describe("local engine: openrouter/router streamed", () => {
  it("sends the whole output so far in every event, and done() answers the last, with usage", async () => {
    const stream = await fal().stream("openrouter/router", { input: { model: "google/gemini-2.5-flash", prompt: `Summarise: ${TEXT}`, reasoning: true } });
    const events: Event[] = [];
    for await (const event of stream) events.push(event as Event);
    const last = (await stream.done()) as Event;
    expect(events.length).toBeGreaterThan(10);
    // Each event extends the one before: the whole output (and reasoning) so far.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.output.startsWith(events[i - 1]!.output)).toBe(true);
      expect((events[i]!.reasoning ?? "").startsWith(events[i - 1]!.reasoning ?? "")).toBe(true);
    }
    expect(new Set(events.map((e) => e.output)).size).toBeGreaterThan(5);
    expect(events.slice(0, -1).every((e) => e.partial === true)).toBe(true);
    expect(last).toEqual(events.at(-1));
    expect(last.partial).toBe(false);
    expect(last.output).toMatch(/^## Summary\n\n- /);
    expect(last.output).toContain("Honey bees guard the hive and its honey.");
    expect(last.reasoning).toMatch(/Scored each sentence/);
    expect(last.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
    expect(stream.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives the same answer through the queue and the synchronous route", async () => {
    const input = { model: "x/y", prompt: `Summarise: ${TEXT}` };
    const streamed = (await (await fal().stream("openrouter/router", { input })).done()) as Event;
    const queued = (await fal().subscribe("openrouter/router", { input, pollInterval: 20 })).data as Event;
    const sync = (await fal().run("openrouter/router", { input })).data as Event;
    expect(queued.output).toBe(streamed.output);
    expect(sync.output).toBe(streamed.output);
    expect(streamed.reasoning).toBeUndefined();
  });

  it("leaves nothing on the shutdown signal once a streamed or synchronous run is over", async () => {
    const before = abortRegistrations(shutdownSignal());
    const input = { model: "x/y", prompt: "Summarise: a cat slept.", max_tokens: 3 };
    for (let i = 0; i < 5; i++) {
      await (await fal().stream("openrouter/router", { input })).done();
      await fal().run("openrouter/router", { input });
    }
    expect(abortRegistrations(shutdownSignal())).toBe(before);
  });

  it("stops at max_tokens", async () => {
    const last = (await (await fal().stream("openrouter/router", { input: { model: "x/y", prompt: `Summarise: ${TEXT}`, max_tokens: 3 } })).done()) as Event;
    expect(last.usage?.output_tokens).toBe(3);
    expect(last.output.length).toBeLessThan(20);
  });

  it("refuses a bad input before streaming, in fal's 422 shape, which done() rejects with", async () => {
    const stream = await fal().stream("openrouter/router", { input: { model: "x/y", prompt: "" } });
    const err = await stream.done().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.map((d) => d.loc.join("."))).toContain("body.prompt");
  });

  it("demands the key, and has no stream route for endpoints that do not stream", async () => {
    const denied = await (await fal("wrong").stream("openrouter/router", { input: { model: "x/y", prompt: "hi" } })).done().catch((e: unknown) => e);
    expect((denied as ApiError<unknown>).status).toBe(401);
    const image = await (await fal().stream("fal-ai/flux/dev", { input: { prompt: "hi" } })).done().catch((e: unknown) => e);
    expect((image as ApiError<unknown>).status).toBe(404);
  });

  it("ends quietly when the caller aborts; done() answers what had arrived", async () => {
    const stream = await fal().stream("openrouter/router", { input: { model: "x/y", prompt: `Summarise: ${TEXT}` } });
    await new Promise<void>((resolve) => stream.on("data", () => resolve()));
    stream.abort();
    const last = (await stream.done()) as Event;
    expect(last.partial).toBe(true);
  });
});
