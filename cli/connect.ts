import { httpStudio } from "@/lib/agent/http-studio";
import type { Studio } from "@/lib/agent/studio";
import { errorBodySchema } from "@/lib/error-body";
import { createPolicyFetch } from "@/lib/http/policy";

/**
 * Where the worker's jobs run: the studio at --server, else STUDIO_URL, else localhost:3000 — if
 * one answers there as a studio (its /api/health) — and otherwise in this process, on the data
 * directory (cli/in-process.ts).
 */

export const DEFAULT_SERVER = "http://localhost:3000";
const PROBE_MS = 2_000;

export const serverUrl = (flag: string | undefined) => (flag ?? process.env.STUDIO_URL ?? DEFAULT_SERVER).replace(/\/$/, "");

/**
 * Whether a studio answers at `url`: its health report names its engine (200, or 503 when something
 * is down), or it refuses in its own error shape (a host it does not answer to: the calls then say why).
 */
export async function answersAsStudio(url: string): Promise<boolean> {
  try {
    const res = await createPolicyFetch({ retries: 0, timeoutMs: PROBE_MS })(`${url}/api/health`, { headers: { accept: "application/json" } });
    const body = (await res.json().catch(() => undefined)) as { engine?: { fal?: unknown } } | undefined;
    return typeof body?.engine?.fal === "string" || errorBodySchema.safeParse(body).success;
  } catch {
    return false;
  }
}

export async function connect(flag: string | undefined, log: (line: string) => void): Promise<Studio> {
  const url = serverUrl(flag);
  if (await answersAsStudio(url)) {
    log(`using the studio at ${url}`);
    return httpStudio(url);
  }
  const { inProcessStudio } = await import("./in-process");
  const studio = await inProcessStudio();
  const { dataDir, engines } = await import("@/lib/env");
  const e = engines();
  log(`no studio answers at ${url}; running in-process on ${dataDir()} (media: ${e.fal === "local" ? "local engine" : "fal.ai"}, text: ${e.llm === "local" ? "local engine" : e.llm})`);
  return studio;
}
