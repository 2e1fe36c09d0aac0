import "server-only";
import { env } from "@/lib/env";

/**
 * Process-wide engine state. Next may load a module once per route bundle, so anything that
 * must be one per process lives on globalThis.
 */
export type EngineKnobs = { latencyMs: number; failureRate: number; concurrency: number };

type Holder = { knobs?: EngineKnobs; singletons: Map<string, unknown> };
const scope = globalThis as { __studioEngine?: Holder };
const holder: Holder = (scope.__studioEngine ??= { singletons: new Map() });

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

export function processSingleton<T>(key: string, create: () => T): T {
  if (!holder.singletons.has(key)) holder.singletons.set(key, create());
  return holder.singletons.get(key) as T;
}
