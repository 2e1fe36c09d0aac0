import "server-only";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

/** The engine's run-time knobs, one set per process. */
export type EngineKnobs = { latencyMs: number; failureRate: number; concurrency: number };

const holder = processSingleton<{ knobs?: EngineKnobs }>("engine-knobs", () => ({}));

export function knobs(): EngineKnobs {
  const e = env();
  return (holder.knobs ??= {
    latencyMs: e.STUDIO_LOCAL_LATENCY_MS,
    failureRate: e.STUDIO_LOCAL_FAILURE_RATE,
    concurrency: e.STUDIO_LOCAL_CONCURRENCY,
  });
}

export function setKnobs(patch: Partial<EngineKnobs>): EngineKnobs {
  holder.knobs = { ...knobs(), ...patch };
  return holder.knobs;
}
