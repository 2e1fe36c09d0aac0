import { describe, expect, it } from "vitest";
import { createDraftParser, partialDraft } from "./parse";

const line = (title: string, prompt: string) => JSON.stringify({ title, prompt, negativePrompt: "blur" });

describe("createDraftParser", () => {
  it("yields each prompt once its line is complete, across arbitrary chunking", () => {
    const text = `${line("One", "first prompt")}\n${line("Two", "second prompt")}\n${line("Three", "third")}`;
    const parser = createDraftParser();
    const seen: string[] = [];
    for (let i = 0; i < text.length; i += 7) seen.push(...parser.push(text.slice(i, i + 7)).map((p) => p.title));
    expect(seen).toEqual(["One", "Two"]);
    expect(parser.end().map((p) => p.title)).toEqual(["Three"]);
  });

  it("skips fences, list markers and invalid lines", () => {
    const parser = createDraftParser();
    const out = parser.push(["```json", `1. ${line("A", "a")}`, "not json", JSON.stringify({ title: "", prompt: "x" }), `- ${line("B", "b")}`, "```", ""].join("\n"));
    expect(out.map((p) => p.title)).toEqual(["A", "B"]);
  });
});

describe("partialDraft", () => {
  it("reads the prompt being written from the unfinished line", () => {
    const text = `${line("Done", "x")}\n{"title": "Neon noir", "prompt": "A fox in the \\"rain`;
    expect(partialDraft(text)).toEqual({ title: "Neon noir", prompt: 'A fox in the "rain' });
  });

  it("is undefined before a field starts", () => {
    expect(partialDraft(`${line("Done", "x")}\n{"ti`)).toBeUndefined();
  });
});
