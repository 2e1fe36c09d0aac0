import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseJsonOrUndefined, readBodyText } from "@/lib/http/body";
import { approxTokens, localAnswer, piecesOf, streamAnswer } from "@/lib/local-engine/llm/answer";
import { formatReply, responseFormatSchema, SchemaUnsupportedError } from "./structured";

/**
 * OpenAI's chat completions endpoint (`POST /v1/chat/completions`), plain and streamed as
 * server-sent `chat.completion.chunk` events ending in `data: [DONE]`, so the `openai` SDK runs
 * against it unchanged. The words come from the local answer module, which has no language model;
 * a reasoning effort brings its working as `reasoning_content`, as OpenAI-compatible servers send it.
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
  reasoning_effort: z.enum(["minimal", "low", "medium", "high"]).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
}).loose();

// A drafting conversation is a few KB; a body this large is not one.
const MAX_BODY_BYTES = 1024 * 1024;

const openaiError = (status: number, message: string, type: string, code: string | null = null, param: string | null = null) =>
  Response.json({ error: { message, type, param, code } }, { status });

const textOf = (content: z.infer<typeof contentSchema> | null) =>
  typeof content === "string" ? content : (content ?? []).map((p) => p.text ?? "").join("");

/** The conversation as the local answer module reads it: the system prompt and the last user message. */
function requestOf(body: z.infer<typeof bodySchema>) {
  const system = body.messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => textOf(m.content)).join("\n");
  const lastUser = [...body.messages].reverse().find((m) => m.role === "user");
  return { system, prompt: lastUser ? textOf(lastUser.content) : "", reasoning: Boolean(body.reasoning_effort && body.reasoning_effort !== "minimal") };
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
  const request = requestOf(parsed.data);
  let answer = localAnswer(request);
  try {
    // Structured output keeps the reasoning and shapes the answer itself as the caller's schema asks.
    answer = { ...answer, text: formatReply(format, answer.text, request.prompt) };
  } catch (err) {
    if (err instanceof SchemaUnsupportedError) return openaiError(400, err.message, "invalid_request_error", "invalid_value", "response_format");
    throw err;
  }
  const maxTokens = parsed.data.max_completion_tokens ?? parsed.data.max_tokens ?? undefined;
  const { pieces, truncated, outputTokens } = piecesOf(answer, maxTokens);
  const finish = truncated ? "length" : "stop";
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const promptTokens = approxTokens(messages.map((m) => textOf(m.content)).join(" "));
  const usage = { prompt_tokens: promptTokens, completion_tokens: outputTokens, total_tokens: promptTokens + outputTokens };

  if (!stream) {
    const join = (kind: "text" | "reasoning") => pieces.filter((p) => p.kind === kind).map((p) => p.text).join("");
    const reasoning = answer.reasoning === null ? {} : { reasoning_content: join("reasoning") };
    return Response.json({
      id, object: "chat.completion", created, model,
      choices: [{ index: 0, message: { role: "assistant", content: join("text"), refusal: null, ...reasoning }, finish_reason: finish, logprobs: null }],
      usage,
    });
  }

  const includeUsage = parsed.data.stream_options?.include_usage === true;
  const encoder = new TextEncoder();
  const chunk = (delta: object, finish: string | null = null) =>
    encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`);
  const hangUp = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(chunk({ role: "assistant", content: "" }));
      for await (const piece of streamAnswer(answer, { maxTokens, signal: hangUp.signal })) {
        controller.enqueue(chunk(piece.kind === "text" ? { content: piece.text } : { reasoning_content: piece.text }));
      }
      if (hangUp.signal.aborted) return;
      controller.enqueue(chunk({}, finish));
      if (includeUsage) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`));
      }
      controller.enqueue(encoder.encode("data: [DONE]\n\n"));
      controller.close();
    },
    cancel() {
      hangUp.abort();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-request-id": id },
  });
}
