import OpenAI, { BadRequestError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";
import { ENGINE_ORIGIN, engineFetch, useStudioEnv } from "@/test/engine-harness";
import { SchemaUnsupportedError, structuredAnswer } from "./structured";

/** Structured output: the local engine's JSON must validate against the caller's own schema. */

const KEY = "sk-test-structured";
const openai = new OpenAI({ apiKey: KEY, baseURL: `${ENGINE_ORIGIN}${LOCAL_OPENAI_PATH}`, fetch: engineFetch, maxRetries: 0 });

beforeAll(async () => await useStudioEnv({ OPENAI_API_KEY: KEY }));

const Recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  vegetarian: z.boolean(),
  course: z.enum(["starter", "main", "dessert"]),
  steps: z.array(z.object({ order: z.number().int(), text: z.string().min(10) })),
  note: z.string().nullable(),
});

describe("local engine: structured output", () => {
  it("answers the SDK's .parse() with JSON its zod schema accepts, built from the prompt", async () => {
    const res = await openai.chat.completions.parse({
      model: "gpt-4.1-mini",
      messages: [{ role: "user", content: "Give me a dessert recipe for 4 people with five steps: lemon tart" }],
      response_format: zodResponseFormat(Recipe, "recipe"),
    });
    const recipe = res.choices[0]!.message.parsed;
    expect(recipe).not.toBeNull();
    expect(Recipe.parse(recipe)).toEqual(recipe);
    expect(recipe!.course).toBe("dessert");
    expect(recipe!.servings).toBe(4);
    expect(recipe!.steps).toHaveLength(5);
    expect(`${recipe!.title} ${recipe!.steps.map((s) => s.text).join(" ")}`.toLowerCase()).toMatch(/lemon|tart/);
  });

  it("streams the same JSON in pieces", async () => {
    const format = zodResponseFormat(Recipe, "recipe");
    const messages = [{ role: "user" as const, content: "a main course of mushroom risotto" }];
    const whole = (await openai.chat.completions.create({ model: "m", messages, response_format: format })).choices[0]!.message.content!;
    let streamed = "";
    for await (const chunk of await openai.chat.completions.create({ model: "m", messages, response_format: format, stream: true })) {
      streamed += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(streamed).toBe(whole);
    expect(Recipe.safeParse(JSON.parse(streamed)).success).toBe(true);
  });

  it("answers json_object with a JSON object", async () => {
    const res = await openai.chat.completions.create({ model: "m", messages: [{ role: "user", content: "reply in JSON" }], response_format: { type: "json_object" } });
    expect(JSON.parse(res.choices[0]!.message.content!)).toEqual(expect.any(Object));
  });

  it("refuses a schema it cannot satisfy with a 400 naming the place, never invalid JSON", async () => {
    const err = await openai.chat.completions
      .create({
        model: "m",
        messages: [{ role: "user", content: "an id" }],
        response_format: { type: "json_schema", json_schema: { name: "x", strict: true, schema: { type: "object", properties: { id: { type: "string", pattern: "^[A-Z]{3}-\\d{4}$" } }, required: ["id"], additionalProperties: false } } },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).message).toMatch(/\/properties\/id.*pattern/);
  });
});

describe("structuredAnswer", () => {
  const valid = (schema: Record<string, unknown>, prompt: string) => {
    const value = structuredAnswer(schema, prompt);
    const result = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value);
    expect(result.error?.issues ?? [], JSON.stringify(value)).toEqual([]);
    return value;
  };

  it("follows $ref into $defs, anyOf with null, bounds, lengths and formats", () => {
    const value = valid(
      {
        type: "object",
        $defs: { Tag: { type: "object", properties: { label: { type: "string", minLength: 40, maxLength: 60 }, at: { type: "string", format: "date-time" } }, required: ["label", "at"] } },
        properties: {
          tags: { type: "array", items: { $ref: "#/$defs/Tag" }, minItems: 2, maxItems: 2 },
          score: { type: "number", exclusiveMinimum: 0, maximum: 0.5 },
          count: { anyOf: [{ type: "null" }, { type: "integer", minimum: 10, multipleOf: 5 }] },
          email: { type: "string", format: "email" },
        },
        required: ["tags", "score", "count", "email"],
      },
      "tags for a harbour photo",
    ) as { tags: { label: string }[]; count: number };
    expect(value.tags).toHaveLength(2);
    expect(value.tags[0]!.label).toMatch(/harbour|photo|tags/);
    expect(value.count).toBe(10);
  });

  it("is deterministic and differs with the prompt", () => {
    const schema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };
    expect(structuredAnswer(schema, "quiet harbour at dawn")).toEqual(structuredAnswer(schema, "quiet harbour at dawn"));
    expect(structuredAnswer(schema, "quiet harbour at dawn")).not.toEqual(structuredAnswer(schema, "neon city rain"));
  });

  it("refuses recursion, dangling refs and impossible bounds", () => {
    expect(() => structuredAnswer({ $ref: "#/$defs/Node", $defs: { Node: { type: "object", properties: { next: { $ref: "#/$defs/Node" } } } } }, "x")).toThrow(SchemaUnsupportedError);
    expect(() => structuredAnswer({ $ref: "#/$defs/Missing" }, "x")).toThrow(/points at nothing/);
    expect(() => structuredAnswer({ type: "integer", minimum: 3, maximum: 2 }, "x")).toThrow(/bounds/);
    expect(() => structuredAnswer({ $ref: "https://example.com/schema.json" }, "x")).toThrow(/local \$ref/);
  });
});
