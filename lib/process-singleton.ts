/**
 * One value per server process. Next may load a module once per route bundle, so state that must
 * be shared (queues, connections, job pollers) lives on globalThis under a key.
 */
const scope = globalThis as { __studio?: Map<string, unknown> };
const values: Map<string, unknown> = (scope.__studio ??= new Map());

export function processSingleton<T>(key: string, create: () => T): T {
  if (!values.has(key)) values.set(key, create());
  return values.get(key) as T;
}

/** Drops a value so the next call creates it again (tests switching configuration). */
export function forgetProcessSingleton(key: string): void {
  values.delete(key);
}
