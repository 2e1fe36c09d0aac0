import { describe, expect, it } from "vitest";
import type { Seed } from "@/components/job/remix-types";
import type { TextInput } from "@/lib/tasks/text/definition";
import { textFormStart } from "./form-start";

describe("textFormStart: what the Text form opens with", () => {
  it("sets only the prompt from handed-on text, so the rest of the kept draft stays", () => {
    const handed: Seed<TextInput> = { key: "text:x", input: { prompt: "a transcript" }, media: {} };
    expect(textFormStart("openai:gpt-x", handed).initial).toEqual({ prompt: "a transcript" });
  });

  it("sets every field from a job, its numbers as the fields hold them and an unset one left empty", () => {
    const job: Seed<TextInput> = {
      key: "remix:j",
      jobId: "j",
      input: { task: "text", prompt: "why is the sky blue", system: "be brief", model: "openrouter:m", temperature: 0.2, reasoning: true },
      media: {},
    };
    expect(textFormStart("openai:gpt-x", job).initial).toEqual({ prompt: "why is the sky blue", system: "be brief", model: "openrouter:m", temperature: "0.2", maxTokens: "", reasoning: true });
  });

  it("opens on the page's default model with nothing set when there is no seed", () => {
    expect(textFormStart("openai:gpt-x", undefined)).toEqual({ defaults: { prompt: "", system: "", model: "openai:gpt-x", temperature: "", maxTokens: "", reasoning: false }, initial: undefined });
  });
});
