import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";
import { LOCAL_FAL_PATH, LOCAL_OPENAI_PATH } from "@/lib/local-engine/address";

/**
 * Runs the local engine's HTTP handlers in-process: a `fetch` that hands `http://engine.test/...`
 * requests to the same route code `next start` serves, so SDKs talk real HTTP semantics
 * (methods, headers, status codes, streamed bodies) without a server.
 */
export const ENGINE_ORIGIN = "http://engine.test";

export function useEngineEnv(vars: Record<string, string | undefined>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-test-"));
  Object.assign(process.env, { STUDIO_DATA_DIR: dataDir, STUDIO_ENGINE: "local", ...vars });
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  return dataDir;
}

export const engineFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.origin !== ENGINE_ORIGIN) throw new TypeError(`engineFetch: no route to ${url.origin}`);
  if (url.pathname.startsWith(`${LOCAL_FAL_PATH}/`)) {
    const { handleLocalFal } = await import("@/lib/local-engine/fal/handler");
    const segments = url.pathname.slice(LOCAL_FAL_PATH.length + 1).split("/").map(decodeURIComponent);
    return handleLocalFal(request, segments);
  }
  if (url.pathname === `${LOCAL_OPENAI_PATH}/chat/completions`) {
    const { handleLocalChatCompletions } = await import("@/lib/local-engine/openai/handler");
    return handleLocalChatCompletions(request);
  }
  return new Response("not found", { status: 404 });
}) as typeof fetch;
