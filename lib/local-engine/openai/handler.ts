import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseJsonOrUndefined, readBodyText } from "@/lib/http/body";
import { parseDraftUserMessage } from "@/lib/prompts/instructions";
import { draftPrompts } from "./drafter";
import { formatReply, responseFormatSchema, SchemaUnsupportedError } from "./structured";

/**
 * OpenAI's chat completions endpoint (`POST /v1/chat/completions`), plain and streamed as
 * server-sent `chat.completion.chunk` events ending in `data: [DONE]`, so the `openai` SDK runs
 * against it unchanged.
 */

const contentSchema = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()),
]);
const bodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.enum(["system", "developer", "user", "assistant", "tool"]), content: contentSchema.nullable() }).loose()).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
  response_format: responseFormatSchema.optional(),
}).loose();

// A drafting conversation is a few KB; a body this large is not one.
const MAX_BODY_BYTES = 1024 * 1024;

const openaiError = (status: number, message: string, type: string, code: string | null = null, param: string | null = null) =>
  Response.json({ error: { message, type, param, code } }, { status });

const textOf = (content: z.infer<typeof contentSchema> | null) =>
  typeof content === "string" ? content : (content ?? []).map((p) => p.text ?? "").join("");

/** The reply the local model writes for a conversation. */
function reply(messages: z.infer<typeof bodySchema>["messages"]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const request = lastUser ? parseDraftUserMessage(textOf(lastUser.content)) : undefined;
  if (!request) {
    return "I am the Studio local engine. I draft prompts: send `Idea: …`, `Target: image|video` and `Count: n` lines.";
  }
  return draftPrompts(request).map((p) => JSON.stringify(p)).join("\n");
}

/** Splits text into small pieces the way a model emits tokens. */
function tokens(text: string): string[] {
  return text.match(/\s*\S{1,6}|\s+$/g) ?? [text];
}

export async function handleLocalChatCompletions(req: Request): Promise<Response> {
  const key = env().OPENAI_API_KEY;
  if (key && req.headers.get("authorization") !== `Bearer ${key}`) {
    return openaiError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
  }
  let raw: string;
  try {
    raw = await readBodyText(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof AppError) return openaiError(413, err.message, "invalid_request_error", "request_too_large");
    throw err;
  }
  const parsed = bodySchema.safeParse(parseJsonOrUndefined(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return openaiError(400, `Invalid request: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(), "invalid_request_error");
  }
  const { model, messages, stream, response_format: format } = parsed.data;
  let text: string;
  try {
    text = formatReply(format, reply(messages), textOf([...messages].reverse().find((m) => m.role === "user")?.content ?? null));
  } catch (err) {
    if (err instanceof SchemaUnsupportedError) return openaiError(400, err.message, "invalid_request_error", "invalid_value", "response_format");
    throw err;
  }
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const promptTokens = Math.ceil(messages.map((m) => textOf(m.content)).join(" ").length / 4);
  const usage = { prompt_tokens: promptTokens, completion_tokens: Math.ceil(text.length / 4), total_tokens: promptTokens + Math.ceil(text.length / 4) };

  if (!stream) {
    return Response.json({
      id, object: "chat.completion", created, model,
      choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason: "stop", logprobs: null }],
      usage,
    });
  }

  const includeUsage = parsed.data.stream_options?.include_usage === true;
  const encoder = new TextEncoder();
  const chunk = (delta: object, finish: string | null = null) =>
    encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`);
  const pieces = tokens(text);
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(chunk({ role: "assistant", content: "" }));
      for (const piece of pieces) {
        if (cancelled) return;
        await new Promise((r) => setTimeout(r, 12));
        controller.enqueue(chunk({ content: piece }));
      }
      controller.enqueue(chunk({}, "stop"));
      if (includeUsage) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`));
      }
      controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-request-id": id },
  });
}
