"use client";

import { useCallback, useRef, useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField } from "@/components/forms/seed-field";
import { seedValue } from "@/components/forms/seed";
import { SourceImageField } from "@/components/forms/source-image-field";
import type { FormPageProps } from "@/components/forms/form-page-props";
import { JobFeed } from "@/components/job/job-feed";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SparklesIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useFormDraft } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import { useJobFeed } from "@/hooks/use-job-feed";
import { useUpload } from "@/hooks/use-upload";
import { loadApi } from "@/lib/client/load-api";
import { checkInput } from "@/lib/client/validate";
import { resolveImageSize } from "@/lib/providers/image-sizes";
import { pickModel, switchModelDefaults, type ModelOption } from "@/lib/providers/model-option";
import type { ControlInput, ControlKind } from "@/lib/tasks/control/definition";
import { CONTROL_KIND_LABELS, sizeForMap } from "@/lib/tasks/control/kinds";
import { PoseEditor, type PoseEditorHandle } from "./pose-editor";
import { DEFAULT_SOURCE } from "./form-start";
import type { Derived } from "./photo-map";
import { lazyView } from "@/lib/client/lazy-view";
import { LazyBeforeAfter } from "@/components/job/lazy-before-after";

// A picture size of its own is asked for only once "Match the map's shape" is unticked (it starts ticked).
const SizeField = lazyView(() => import("@/components/forms/size-field").then((m) => m.SizeField));
// Finding a map in a photo is not the page's first source (drawing the pose is).
const PhotoMap = lazyView(() => import("./photo-map").then((m) => m.PhotoMap));

type Source = Drafts["control"]["source"];

const SOURCE_LABELS: Record<Source, string> = { upload: "Upload map", photo: "From photo", draw: "Draw pose" };
const MAP_HINTS: Record<ControlKind, string> = {
  pose: "An OpenPose skeleton on black (coloured limbs and joints).",
  depth: "Greyscale depth: white is near, black is far.",
  edges: "White edges on black, like a Canny map.",
};
/** The drawn pose's frame when the picture matches the map and there is no photo to match: portrait 3:4. */
const DRAWN_MAP = { width: 768, height: 1024 };
/** Stands in for the drawn map while the rest of the form is checked (it is uploaded only when all else is fine). */
const DRAWN_PLACEHOLDER = `/api/media/${"0".repeat(64)}.png`;

type Draft = Drafts["control"];

export function ControlForm({ models, formStart, note, empty }: {
  /** The models for each kind of map, the configured one first. */
  models: Record<ControlKind, ModelOption[]>;
} & FormPageProps<"control">) {
  const draft = useFormDraft("control", formStart);
  const { values: v, set } = draft;
  const { kind, source } = v;
  const modelOf = (k: ControlKind, ids = v.model) => pickModel(models[k], ids[k]);
  const kindModels = models[kind];
  const model = modelOf(kind);
  const mapUpload = useUpload("image", v.map, useCallback((file) => set({ map: file }), [set]));
  const photo = useUpload("image", v.photo, useCallback((file) => set({ photo: file }), [set]));
  const [derived, setDerived] = useState<Derived | null>(null);
  const [deriving, setDeriving] = useState(false);
  const [deriveError, setDeriveError] = useState<string | null>(null);
  const [showPhoto, setShowPhoto] = useState(true);
  const [preparing, setPreparing] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const editor = useRef<PoseEditorHandle>(null);
  const feed = useJobFeed("control");
  const { start, submitting, error, fieldErrors, setFieldErrors } = feed;
  const setSource = (s: Source) => set({ source: s });

  const photoUrl = photo.file?.uploaded.url;
  const current = derived && derived.kind === kind && derived.photo === photoUrl ? derived.map : null;

  // A new kind or model brings its own defaults for the fields still at the old model's.
  const switchTo = (nextKind: ControlKind, ids: Draft["model"]) =>
    set((d) => ({ ...switchModelDefaults(d, model.defaults, modelOf(nextKind, ids).defaults), kind: nextKind, model: ids }));
  const chooseKind = (next: ControlKind) => {
    switchTo(next, v.model);
    setFieldErrors({});
    setDeriveError(null);
    if (source === "draw" && next !== "pose") setSource(DEFAULT_SOURCE[next]);
  };
  const chooseModel = (id: string) => switchTo(kind, { ...v.model, [kind]: id });
  const clear = () => {
    draft.reset();
    setFieldErrors({});
    setLocalError(null);
    setDeriveError(null);
  };

  const photoSize = photo.file?.uploaded.width && photo.file.uploaded.height ? { width: photo.file.uploaded.width, height: photo.file.uploaded.height } : null;
  // The drawn map is made at the picture's size: the chosen one, else the photo's shape, else portrait.
  const drawnSize = !v.matchMap ? resolveImageSize(v.size) : photoSize ? sizeForMap(photoSize.width, photoSize.height) : DRAWN_MAP;
  const mapUrl = source === "upload" ? mapUpload.file?.uploaded.url : source === "photo" ? current?.url : DRAWN_PLACEHOLDER;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    const draft = {
      task: "control" as const,
      model: model.id,
      kind,
      map: mapUrl ?? "",
      prompt: v.prompt,
      negativePrompt: model.supports.negativePrompt && v.negative.trim() ? v.negative : undefined,
      strength: v.strength,
      imageSize: v.matchMap ? undefined : v.size,
      steps: v.steps,
      guidance: v.guidance,
      seed: seedValue(v.seed, v.randomSeed),
      numImages: Number(v.numImages),
    };
    const checked = await checkInput("control", draft);
    if (!checked.ok) return setFieldErrors(checked.errors);
    if (source !== "draw") return void (await start(draft));
    setPreparing(true);
    try {
      const drawn = await (await loadApi()).uploadFile(await editor.current!.exportMap(), "image");
      await start({ ...draft, map: drawn.url });
    } catch (err) {
      setLocalError(err instanceof Error ? err.message : "Could not upload the pose map.");
    } finally {
      setPreparing(false);
    }
  };

  const sources: Source[] = kind === "pose" ? ["draw", "upload", "photo"] : ["upload", "photo"];
  const label = CONTROL_KIND_LABELS[kind].toLowerCase();
  return (
    <GeneratorLayout
      label="Control settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <ToggleGroup<ControlKind>
            label="Control"
            value={kind}
            onChange={chooseKind}
            options={(["pose", "depth", "edges"] as const).map((k) => ({ value: k, label: CONTROL_KIND_LABELS[k] }))}
          />
          <ToggleGroup<Source>
            label="Map"
            value={source}
            onChange={(s) => {
              setSource(s);
              setFieldErrors({});
            }}
            options={sources.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
          />
          {source === "upload" ? (
            <div className="flex flex-col gap-1">
              <SourceImageField upload={mapUpload} error={fieldErrors.map} label={`${CONTROL_KIND_LABELS[kind]} map`} id="control-map" />
              <p className="text-xs text-zinc-500">{MAP_HINTS[kind]}</p>
            </div>
          ) : null}
          {source === "photo" || (source === "draw" && photo.file) ? (
            <SourceImageField
              upload={photo}
              error={source === "photo" ? (deriveError ?? fieldErrors.map) : undefined}
              label={source === "draw" ? "Reference photo" : `Photo to find the ${label} in`}
              id="control-photo"
            />
          ) : null}
          {source === "photo" ? (
            <PhotoMap
              kind={kind}
              photoUrl={photoUrl}
              current={current}
              deriving={deriving}
              error={deriveError}
              onDerived={setDerived}
              onDeriving={setDeriving}
              onError={setDeriveError}
              onInstead={() => setSource(kind === "pose" ? "draw" : "upload")}
            />
          ) : null}
          {source === "draw" && !photo.file ? (
            <div className="flex flex-col gap-1">
              <SourceImageField upload={photo} label="Reference photo (optional)" id="control-reference" />
              <p className="text-xs text-zinc-500">Shown faintly behind the figure, to pose it over.</p>
            </div>
          ) : null}
          <ModelSelect id="model" models={kindModels} value={model.id} onChange={chooseModel} error={fieldErrors.model} />
          <PromptFields
            prompt={v.prompt}
            onPrompt={(prompt) => set({ prompt })}
            negative={v.negative}
            onNegative={(negative) => set({ negative })}
            showNegative={Boolean(model.supports.negativePrompt)}
            errors={fieldErrors}
            placeholder="A dancer mid-leap on a rain-soaked rooftop at dusk, city lights behind"
          />
          <Slider id="strength" label="Control strength" value={v.strength} min={0} max={2} step={0.05} onChange={(strength) => set({ strength })} format={(v) => v.toFixed(2)} />
          <div className="flex flex-col gap-2">
            <label className="flex cursor-pointer items-center gap-2 text-xs text-zinc-300">
              <input type="checkbox" checked={v.matchMap} onChange={(e) => set({ matchMap: e.target.checked })} className="accent-violet-500" />
              Match the map&apos;s shape
            </label>
            {v.matchMap ? null : <SizeField value={v.size} onChange={(size) => set({ size })} errors={fieldErrors} multiple={model.supports.imageSize?.multiple} />}
          </div>
          <Slider id="steps" label="Steps" value={v.steps} min={1} max={50} onChange={(steps) => set({ steps })} />
          <Slider id="guidance" label="Guidance" value={v.guidance} min={0} max={20} step={0.5} onChange={(guidance) => set({ guidance })} />
          <ToggleGroup label="Number of images" value={v.numImages} onChange={(numImages) => set({ numImages })} options={["1", "2", "3", "4"].map((v) => ({ value: v, label: v }))} />
          <SeedField seed={v.seed} random={v.randomSeed} onSeed={(seed) => set({ seed })} onRandom={(randomSeed) => set({ randomSeed })} error={fieldErrors.seed} />
          {source === "draw" && fieldErrors.map ? <p role="alert" className="text-xs text-rose-400">{fieldErrors.map}</p> : null}
          {error || localError ? <ErrorAlert message={error ?? localError} /> : null}
          <Button type="submit" loading={submitting || preparing} disabled={submitting || preparing || deriving || mapUpload.uploading || photo.uploading}>
            <SparklesIcon size={16} /> Generate
          </Button>
        </>
      }
      results={
        <div className="flex flex-col gap-4">
          {/* Kept mounted while another source is shown, so a drawn pose survives a look at the other tabs. */}
          <section aria-label="Draw the pose" hidden={source !== "draw"} className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-sm font-medium text-zinc-200">Draw the pose</h2>
              {photo.file ? (
                <label className="flex cursor-pointer items-center gap-2 text-xs text-zinc-400">
                  <input type="checkbox" checked={showPhoto} onChange={(e) => setShowPhoto(e.target.checked)} className="accent-violet-500" />
                  Show the photo behind
                </label>
              ) : null}
            </div>
            <PoseEditor ref={editor} width={drawnSize.width} height={drawnSize.height} referenceUrl={showPhoto ? photo.file?.preview : undefined} />
          </section>
          <JobFeed
            feed={feed}
            empty={empty}
          >
            {(done) => {
              const input = done.input as ControlInput;
              return <LazyBeforeAfter originalUrl={input.map} outputs={done.outputs} prompt={input.prompt} seed={done.seed} kind="control" job={done} beforeLabel="Control map" testId="control-result" />;
            }}
          </JobFeed>
        </div>
      }
    />
  );
}
