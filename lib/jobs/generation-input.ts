import "server-only";
import { FAMILIES, modelDefaults, type ModelDefaults } from "@/lib/providers/catalog";
import { queueTask } from "@/lib/tasks/server";
import { generationInputSchema, type GenerationInput } from "./schema";

/**
 * What a page or a program asks a queue task for. The forms always send the model's own sampling
 * values; a program that leaves one out gets the chosen model's default (FLUX schnell: 4 steps),
 * not the schema's fallback, which is the configured model's. Field errors come out as zod's.
 */
const SAMPLING: readonly (keyof ModelDefaults)[] = ["steps", "guidance", "strength"];

export function parseGenerationInput(raw: unknown): GenerationInput {
  const first = generationInputSchema.parse(raw);
  const given = raw as Record<string, unknown>;
  const missing = SAMPLING.filter((k) => given[k] === undefined && k in first);
  if (!missing.length) return first;
  const { endpointId, family } = queueTask(first.task).prepare(first);
  const defaults = modelDefaults({ id: endpointId, label: endpointId, family });
  const supports = FAMILIES[family].supports as Partial<Record<keyof ModelDefaults, boolean>>;
  const filled = Object.fromEntries(missing.flatMap((k) => (defaults[k] !== undefined && supports[k] ? [[k, defaults[k]]] : [])));
  return Object.keys(filled).length ? generationInputSchema.parse({ ...given, ...filled }) : first;
}
