import "server-only";
import OpenAI, { APIError } from "openai";
import { AppError } from "@/lib/errors";
import { env, internalBaseUrl, vendorEngine } from "@/lib/env";
import { createPolicyFetch } from "@/lib/http/policy";
import { LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";
import { withoutSecrets } from "@/lib/secrets";

/** The OpenAI door: the client for chat completions, to OpenAI (or OPENAI_BASE_URL) or the local engine (lib/providers/chat.ts calls it). */

let client: { key: string; value: OpenAI } | undefined;

export function openai(): OpenAI {
  const local = vendorEngine("openai") === "local";
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

/** The error a job keeps and shows: never with the key in it, even when the vendor echoes it back. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof APIError) {
    if (err.status === 401) return new AppError("upstream", "OpenAI rejected the API key.");
    if (err.status === 429) return new AppError("upstream", "OpenAI is rate limiting this key; try again shortly.");
    if (err.status && err.status < 500) return new AppError("upstream", `OpenAI refused the request: ${withoutSecrets(err.message)}`);
    return new AppError("upstream", "OpenAI failed to answer; try again.");
  }
  return new AppError("unavailable", `Could not reach OpenAI: ${withoutSecrets(err instanceof Error ? err.message : String(err))}`);
}
