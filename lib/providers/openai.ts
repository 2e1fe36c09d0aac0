import "server-only";
import OpenAI, { APIError } from "openai";
import { AppError } from "@/lib/errors";
import { engines, env, internalBaseUrl } from "@/lib/env";
import { createPolicyFetch } from "@/lib/http/policy";
import { LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";

/** The OpenAI door: chat completions, streamed, to OpenAI (or OPENAI_BASE_URL) or the local engine. */

export type ChatArgs = { model: string; system: string; user: string; signal?: AbortSignal };

let client: { key: string; value: OpenAI } | undefined;

function openai(): OpenAI {
  const local = engines().llm === "local";
  const e = env();
  const baseURL = local ? `${internalBaseUrl()}${LOCAL_OPENAI_PATH}` : e.OPENAI_BASE_URL;
  const cacheKey = `${baseURL}`;
  if (client?.key === cacheKey) return client.value;
  const value = new OpenAI({
    // The local engine checks the key only when one is configured.
    apiKey: e.OPENAI_API_KEY ?? "local-engine",
    baseURL,
    maxRetries: 0,
    timeout: e.STUDIO_HTTP_TIMEOUT_MS,
    fetch: createPolicyFetch({
      timeoutMs: e.STUDIO_HTTP_TIMEOUT_MS,
      retries: e.STUDIO_HTTP_RETRIES,
      baseDelayMs: e.STUDIO_HTTP_BACKOFF_MS,
    }),
  });
  client = { key: cacheKey, value };
  return value;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof APIError) {
    if (err.status === 401) return new AppError("upstream", "OpenAI rejected the API key.");
    if (err.status === 429) return new AppError("upstream", "OpenAI is rate limiting this key; try again shortly.");
    if (err.status && err.status < 500) return new AppError("upstream", `OpenAI refused the request: ${err.message}`);
    return new AppError("upstream", "OpenAI failed to answer; try again.");
  }
  return new AppError("unavailable", `Could not reach OpenAI: ${err instanceof Error ? err.message : String(err)}`);
}

/** Yields the assistant's text as it is written. */
export async function* streamChat(args: ChatArgs): AsyncGenerator<string> {
  let stream;
  try {
    stream = await openai().chat.completions.create(
      {
        model: args.model,
        stream: true,
        messages: [
          { role: "system", content: args.system },
          { role: "user", content: args.user },
        ],
      },
      { signal: args.signal },
    );
  } catch (err) {
    throw toAppError(err);
  }
  try {
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) yield text;
    }
  } catch (err) {
    if (args.signal?.aborted) return;
    throw toAppError(err);
  }
}
