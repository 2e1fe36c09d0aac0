import type { EndpointEntry, ModelDefaults, Supports } from "./catalog";

/** A model as a page offers it: the endpoint, which optional fields its family takes, and the values it runs with by default. */
export type ModelOption = EndpointEntry & { supports: Supports; defaults: ModelDefaults };

/** The chosen model of a page's list, or the list's first (the configured default) when the id is not offered (any more). */
export function pickModel(models: readonly ModelOption[], id: string): ModelOption {
  return models.find((m) => m.id === id) ?? models[0]!;
}

type Sampling = Required<ModelDefaults>;

/**
 * The sampling fields after switching from one model to another: a field still at the old model's
 * default takes the new model's; one the person changed keeps their value.
 */
export function switchModelDefaults<V extends Partial<Sampling>>(values: V, from: ModelDefaults, to: ModelDefaults): V {
  const next = { ...values };
  for (const key of ["steps", "guidance", "strength"] as const) {
    const target = to[key];
    if (target !== undefined && key in values && values[key] === from[key]) next[key] = target as V[typeof key];
  }
  return next;
}
