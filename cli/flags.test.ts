import { describe, expect, it } from "vitest";
import { imageInputSchema } from "@/lib/tasks/image/definition";
import { textInputSchema } from "@/lib/tasks/text/definition";
import { backgroundInputSchema } from "@/lib/tasks/background/definition";
import { fieldMessage, flagsOf, parseArgs, UsageError } from "./flags";

const options = [{ name: "submit", field: "submit", kind: "boolean" as const, required: false }];

describe("flags from a task's input schema", () => {
  it("names every field but the task in kebab case, with its kind and default", () => {
    const flags = flagsOf(textInputSchema);
    expect(flags.map((f) => f.name)).toEqual(["model", "prompt", "system", "temperature", "max-tokens", "reasoning"]);
    expect(flags.find((f) => f.name === "max-tokens")).toMatchObject({ field: "maxTokens", kind: "number", required: false });
    expect(flags.find((f) => f.name === "prompt")).toMatchObject({ kind: "string", required: true });
    expect(flags.find((f) => f.name === "reasoning")).toMatchObject({ kind: "boolean", fallback: false });
    expect(flagsOf(backgroundInputSchema).find((f) => f.name === "mode")).toMatchObject({ choices: ["remove", "replace"], fallback: "remove" });
  });

  it("shapes numbers, booleans and sizes, and keeps the command's own options apart", () => {
    const parsed = parseArgs(
      ["--prompt", "a fox", "--max-tokens=200", "--temperature", "0.5", "--reasoning", "--submit"],
      flagsOf(textInputSchema),
      options,
    );
    expect(parsed.values).toEqual({ prompt: "a fox", maxTokens: 200, temperature: 0.5, reasoning: true });
    expect(parsed.options).toEqual({ submit: true });
    expect(parseArgs(["--no-reasoning"], flagsOf(textInputSchema), []).values).toEqual({ reasoning: false });
    expect(parseArgs(["--image-size", "768x512", "--num-images", "2"], flagsOf(imageInputSchema), []).values).toEqual({ imageSize: { width: 768, height: 512 }, numImages: 2 });
    expect(parseArgs(["--image-size", "square_hd"], flagsOf(imageInputSchema), []).values).toEqual({ imageSize: "square_hd" });
  });

  it("refuses unknown flags and missing values", () => {
    expect(() => parseArgs(["--promt", "x"], flagsOf(textInputSchema), [])).toThrow(UsageError);
    expect(() => parseArgs(["--promt", "x"], flagsOf(textInputSchema), [])).toThrow("--promt");
    expect(() => parseArgs(["--prompt"], flagsOf(textInputSchema), [])).toThrow("--prompt needs a value");
  });

  it("leaves a value that is not a number to the schema, whose message names the flag", () => {
    const { values } = parseArgs(["--prompt", "x", "--max-tokens", "lots"], flagsOf(textInputSchema), []);
    expect(values.maxTokens).toBe("lots");
    const result = textInputSchema.safeParse({ task: "text", ...values });
    expect(result.success).toBe(false);
    expect(fieldMessage(result.error!)).toMatch(/^--max-tokens: /);
    const tooMany = textInputSchema.safeParse({ task: "text", prompt: "x", maxTokens: 10 ** 6 });
    expect(fieldMessage(tooMany.error!)).toBe("--max-tokens: At most 64,000 tokens");
  });
});
