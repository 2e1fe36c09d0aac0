import "server-only";
import { env, vendorEngine } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DEFAULT_CONTROL_FAMILY, FAMILIES, controlsOf, KNOWN_ENDPOINTS, familyOf, modelDefaults, type ControlMode, type EndpointEntry, type Family, type Mode } from "./catalog";
import type { ModelOption } from "./model-option";
import { TEXT_VENDORS, textModelId, VENDOR_KEY, VENDOR_LABEL, type TextModelOption, type TextVendor } from "./text-model";
import type { ControlKind } from "./wire/control";

/** The modes with one endpoint each; control modes have one per kind of map (configuredControlEndpoints). */
export type SingleMode = Exclude<Mode, ControlMode>;

/** Which endpoint serves each mode: the environment's choice, else the catalog default. */
export function configuredEndpoints(): Record<SingleMode, string> {
  const e = env();
  return {
    "text-to-image": e.FAL_IMAGE_MODEL,
    "image-to-image": e.FAL_IMAGE_TO_IMAGE_MODEL,
    inpaint: e.FAL_INPAINT_MODEL,
    "text-to-video": e.FAL_VIDEO_MODEL,
    "image-to-video": e.FAL_IMAGE_TO_VIDEO_MODEL,
    "speech-to-text": e.FAL_STT_MODEL,
    "remove-background": e.FAL_BACKGROUND_REMOVE_MODEL,
    "replace-background": e.FAL_BACKGROUND_REPLACE_MODEL,
    "text-to-speech": e.FAL_SPEECH_MODEL,
    chat: e.FAL_LLM_MODEL,
  };
}

/** Which endpoint paints from each kind of map (FAL_CONTROL_<KIND>_MODEL) and which draws it from a photo (FAL_<KIND>_MAP_MODEL). */
export function configuredControlEndpoints(): Record<ControlKind, Record<ControlMode, string>> {
  const e = env();
  return {
    pose: { "control-image": e.FAL_CONTROL_POSE_MODEL, "control-map": e.FAL_POSE_MAP_MODEL },
    depth: { "control-image": e.FAL_CONTROL_DEPTH_MODEL, "control-map": e.FAL_DEPTH_MAP_MODEL },
    edges: { "control-image": e.FAL_CONTROL_EDGES_MODEL, "control-map": e.FAL_EDGES_MAP_MODEL },
  };
}

/** Every configured endpoint, with the family an id the catalog does not know is read as. */
function configured(): EndpointEntry[] {
  const single = (Object.entries(configuredEndpoints()) as [SingleMode, string][]).map(([mode, id]) => ({ id, label: id, family: familyOf(id, mode)! }));
  const control = (Object.entries(configuredControlEndpoints()) as [ControlKind, Record<ControlMode, string>][]).flatMap(([kind, ids]) =>
    (Object.entries(ids) as [ControlMode, string][]).map(([mode, id]) => ({ id, label: id, family: familyOf(id) ?? DEFAULT_CONTROL_FAMILY[kind][mode] })),
  );
  return [...single, ...control];
}

// Built once per environment read (env() is cached): pages with a model picker ask on every request.
let endpoints: { for: ReturnType<typeof env>; list: readonly ModelOption[] } | undefined;

/** Every endpoint the studio may call: the catalog plus any configured id it does not know. */
export function allowedEndpoints(): readonly ModelOption[] {
  const e = env();
  if (endpoints?.for !== e) {
    const entries = [...KNOWN_ENDPOINTS];
    for (const entry of configured()) if (!entries.some((known) => known.id === entry.id)) entries.push(entry);
    endpoints = { for: e, list: entries.map((entry) => ({ ...entry, supports: FAMILIES[entry.family].supports, defaults: modelDefaults(entry) })) };
  }
  return endpoints.list;
}

export function endpointFamily(endpointId: string): Family | undefined {
  return allowedEndpoints().find((e) => e.id === endpointId)?.family;
}

/** The models offered for a mode, default first, for the page's model picker. */
export function modelsFor(mode: SingleMode): ModelOption[] {
  const configured = configuredEndpoints()[mode];
  return allowedEndpoints()
    .filter((e) => FAMILIES[e.family].mode === mode)
    .sort((a, b) => Number(b.id === configured) - Number(a.id === configured));
}

/** The models that paint from one kind of control map (`control-image`) or draw it (`control-map`), the configured one first. */
export function controlModelsFor(kind: ControlKind, mode: ControlMode = "control-image"): ModelOption[] {
  const chosen = configuredControlEndpoints()[kind][mode];
  return allowedEndpoints()
    .filter((e) => FAMILIES[e.family].mode === mode && controlsOf(e.family).includes(kind))
    .sort((a, b) => Number(b.id === chosen) - Number(a.id === chosen));
}

/** The language models the Text and Prompts pages offer, by vendor, the configured default first. */
export function textModels(): TextModelOption[] {
  const e = env();
  const lists: Record<TextVendor, string[]> = {
    openai: [e.OPENAI_MODEL, ...e.OPENAI_TEXT_MODELS],
    openrouter: [e.OPENROUTER_MODEL, ...e.OPENROUTER_TEXT_MODELS],
  };
  return TEXT_VENDORS.flatMap((vendor) =>
    [...new Set(lists[vendor])].map((model) => ({ id: textModelId(vendor, model), vendor, model, engine: vendorEngine(vendor) })),
  );
}

/** The model a page starts on: the preferred vendor's default if it can answer, else the first that can. */
export function defaultTextModel(preferred: TextVendor): string {
  const models = textModels();
  return (models.find((m) => m.vendor === preferred && m.engine) ?? models.find((m) => m.engine) ?? models[0]!).id;
}

/**
 * The model a text job runs on: the one asked for (it must be listed and its vendor reachable), else
 * the preferred vendor's default, else the first one that can answer. Refusals name the field.
 */
export function resolveTextModel(requested: string | undefined, preferred: TextVendor) {
  const models = textModels();
  const option = models.find((m) => m.id === (requested ?? defaultTextModel(preferred)));
  if (!option) throw new AppError("validation", `${requested} is not one of the listed models.`, { model: "Pick one of the listed models" });
  if (!option.engine) {
    const need = `${VENDOR_LABEL[option.vendor]} models need ${VENDOR_KEY[option.vendor]}`;
    throw new AppError("unavailable", `${need}.`, { model: need });
  }
  const endpointId = option.vendor === "openrouter" ? env().FAL_LLM_MODEL : `openai/${option.model}`;
  return { ...option, engine: option.engine, endpointId };
}
