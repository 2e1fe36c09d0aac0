/**
 * How a language model is named in the studio: `<vendor>:<model>`, e.g. `openai:gpt-4.1-mini` or
 * `openrouter:anthropic/claude-sonnet-4` (OpenRouter's models, reached through fal's router).
 * Pure: safe to import from client components.
 */
export const TEXT_VENDORS = ["openai", "openrouter"] as const;
export type TextVendor = (typeof TEXT_VENDORS)[number];

export const VENDOR_LABEL: Record<TextVendor, string> = { openai: "OpenAI", openrouter: "OpenRouter via fal" };
/** The key that brings a vendor's real models. */
export const VENDOR_KEY: Record<TextVendor, string> = { openai: "OPENAI_API_KEY", openrouter: "FAL_KEY" };

export function parseTextModel(id: string): { vendor: TextVendor; model: string } {
  const at = id.indexOf(":");
  return { vendor: id.slice(0, at) as TextVendor, model: id.slice(at + 1) };
}

export const textModelId = (vendor: TextVendor, model: string) => `${vendor}:${model}`;

/** A model as the picker offers it; `engine` null: its vendor has no key and the local engine is not standing in. */
export type TextModelOption = { id: string; vendor: TextVendor; model: string; engine: TextVendor | "local" | null };

/** OpenAI's reasoning models (o-series, GPT-5) take a reasoning effort; the others refuse one. */
export const isOpenAiReasoningModel = (model: string) => /^(o\d|gpt-5)/.test(model);
