import { getEventListeners } from "node:events";

/**
 * Everything that keeps a hold on `signal` to hear of its abort: its listeners, and the signals
 * `AbortSignal.any` made from it, which Node keeps in an internal set that no public API shows
 * (on Node 20 for as long as `signal` lives, whether or not they are still in use).
 */
export function abortRegistrations(signal: AbortSignal): number {
  const dependants = Object.getOwnPropertySymbols(signal).find((s) => s.description === "kDependantSignals");
  const made = dependants ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[dependants]?.size ?? 0 : 0;
  return getEventListeners(signal, "abort").length + made;
}
