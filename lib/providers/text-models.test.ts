import { beforeEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";
import { defaultTextModel, resolveTextModel, textModels } from "./models";

/** The language models offered by vendor, from the environment, and who answers each. */

function useEnv(vars: Record<string, string>) {
  for (const k of Object.keys(process.env)) if (/^(FAL_|OPENAI|OPENROUTER|STUDIO_ENGINE|PROMPT_PROVIDER)/.test(k)) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
}

beforeEach(() => useEnv({}));

describe("text models", () => {
  it("lists each vendor's models, its configured default first and none twice", () => {
    useEnv({ OPENAI_MODEL: "o4-mini", OPENAI_TEXT_MODELS: "gpt-4.1, o4-mini ,gpt-4o-mini", OPENROUTER_TEXT_MODELS: "x/y" });
    expect(textModels().map((m) => m.id)).toEqual(["openai:o4-mini", "openai:gpt-4.1", "openai:gpt-4o-mini", "openrouter:google/gemini-2.5-flash", "openrouter:x/y"]);
  });

  it("without keys the local engine answers every vendor; with a key the vendor itself", () => {
    expect(new Set(textModels().map((m) => m.engine))).toEqual(new Set(["local"]));
    useEnv({ OPENAI_API_KEY: "sk-x", FAL_KEY: "f" });
    expect(textModels().find((m) => m.vendor === "openai")!.engine).toBe("openai");
    expect(textModels().find((m) => m.vendor === "openrouter")!.engine).toBe("openrouter");
  });

  it("on STUDIO_ENGINE=remote a vendor without its key is unavailable, and refused by the field", () => {
    useEnv({ STUDIO_ENGINE: "remote", FAL_KEY: "f" });
    expect(textModels().filter((m) => m.vendor === "openai").every((m) => m.engine === null)).toBe(true);
    expect(defaultTextModel("openai")).toBe("openrouter:google/gemini-2.5-flash");
    expect(() => resolveTextModel("openai:gpt-4.1-mini", "openai")).toThrow(expect.objectContaining({ fields: { model: "OpenAI models need OPENAI_API_KEY" } }));
    expect(resolveTextModel(undefined, "openai")).toMatchObject({ vendor: "openrouter", engine: "openrouter", endpointId: "openrouter/router" });
  });

  it("refuses a model that is not listed", () => {
    expect(() => resolveTextModel("openai:gpt-2", "openai")).toThrow(expect.objectContaining({ fields: { model: "Pick one of the listed models" } }));
    expect(resolveTextModel("openai:gpt-4.1", "openrouter")).toMatchObject({ model: "gpt-4.1", endpointId: "openai/gpt-4.1", engine: "local" });
  });

  it("validates the lists at start", () => {
    useEnv({ OPENROUTER_TEXT_MODELS: "good/model,bad model" });
    expect(() => env()).toThrow(/OPENROUTER_TEXT_MODELS/);
  });
});
