import { createFalClient } from "@fal-ai/client";
import { createPolicyFetch } from "@/lib/http/policy";
import { toLocalEngineUrl } from "@/lib/local-engine/address";
import { ENGINE_ORIGIN, engineFetch } from "./engine-harness";

/**
 * The real @fal-ai/client aimed at the in-process local engine: fal's hosts rewritten to it, no
 * retries (a test sees the first answer), the given key sent as fal would. Apart from
 * engine-harness.ts, which tests that mock lib/http/policy import from inside that mock.
 */
export function localFalClient(credentials: string | undefined) {
  return createFalClient({
    credentials: () => credentials,
    retry: { maxRetries: 0 },
    fetch: createPolicyFetch({ retries: 0, fetchImpl: engineFetch, rewrite: (u) => toLocalEngineUrl(u, ENGINE_ORIGIN) }),
  });
}
