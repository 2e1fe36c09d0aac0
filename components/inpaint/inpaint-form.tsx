"use client";

import { lazy, Suspense, useCallback, useRef, useState } from "react";
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
import { useFormDraft } from "@/hooks/use-form-draft";
import { useJobFeed } from "@/hooks/use-job-feed";
import { useUpload } from "@/hooks/use-upload";
import { loadApi } from "@/lib/client/load-api";
import { checkInput } from "@/lib/client/validate";
import type { InpaintInput } from "@/lib/tasks/inpaint/definition";
import { pickModel, switchModelDefaults, type ModelOption } from "@/lib/providers/model-option";
import type { MaskCanvasHandle } from "./mask-canvas";
import { LazyBeforeAfter } from "@/components/job/lazy-before-after";

// The editor is needed only once an image is up, never for the first paint of an empty form: it
// loads then (a remixed job's image still renders on the server).
const MaskCanvas = lazy(() => import("./mask-canvas").then((m) => ({ default: m.MaskCanvas })));
/** How the editor's header reads the overlay: it names the mask canvas's tint (the mask sent is white on black). */
const MASK_LEGEND = "Violet = change · the rest is kept";

export function InpaintForm({ models, formStart, note, empty }: {
  models: ModelOption[];
} & FormPageProps<"inpaint">) {
  const draft = useFormDraft("inpaint", formStart);
  const { values: v, set } = draft;
  const model = pickModel(models, v.model);
  const [hasMask, setHasMask] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const image = useUpload("image", v.image, useCallback((file) => set({ image: file }), [set]));
  const mask = useRef<MaskCanvasHandle>(null);
  const feed = useJobFeed("inpaint");
  const { start, submitting, error, fieldErrors, setFieldErrors } = feed;
  const [localError, setLocalError] = useState<string | null>(null);

  // A new model brings its own defaults for the fields still at the old model's.
  const chooseModel = (id: string) =>
    set((d) => ({ ...switchModelDefaults(d, model.defaults, pickModel(models, id).defaults), model: id }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!image.file) return setFieldErrors({ image: "Upload the image to edit" });
    if (!mask.current || mask.current.isEmpty()) return setFieldErrors({ mask: "Paint over the area to change" });
    const payload = {
      task: "inpaint" as const,
      model: model.id,
      prompt: v.prompt,
      negativePrompt: model.supports.negativePrompt && v.negative.trim() ? v.negative : undefined,
      image: image.file.uploaded.url,
      // Validated before the mask upload so a missing prompt costs nothing.
      mask: image.file.uploaded.url,
      strength: v.strength,
      steps: v.steps,
      guidance: v.guidance,
      seed: seedValue(v.seed, v.randomSeed),
      numImages: 1,
    };
    const checked = await checkInput("inpaint", payload);
    if (!checked.ok) return setFieldErrors(checked.errors);
    setPreparing(true);
    try {
      const uploaded = await (await loadApi()).uploadFile(await mask.current.exportMask(), "image");
      await start({ ...payload, mask: uploaded.url });
    } catch (err) {
      setLocalError(err instanceof Error ? err.message : "Could not upload the mask.");
    } finally {
      setPreparing(false);
    }
  };
  const clear = () => {
    draft.reset();
    setFieldErrors({});
    setLocalError(null);
  };

  const original = image.file;
  return (
    <GeneratorLayout
      label="Inpaint settings"
      onSubmit={submit}
      onClear={clear}
      resultsFirstWhenStacked={Boolean(original)}
      form={
        <>
          {note}
          <SourceImageField upload={image} error={fieldErrors.image} label="Image to edit" id="inpaint-image" />
          <ModelSelect id="model" models={models} value={model.id} onChange={chooseModel} error={fieldErrors.model} />
          <PromptFields
            prompt={v.prompt}
            onPrompt={(prompt) => set({ prompt })}
            negative={v.negative}
            onNegative={(negative) => set({ negative })}
            showNegative={Boolean(model.supports.negativePrompt)}
            errors={fieldErrors}
            placeholder="A bouquet of wild flowers in a ceramic vase"
          />
          <Slider id="strength" label="Strength" value={v.strength} min={0.05} max={1} step={0.05} onChange={(strength) => set({ strength })} format={(v) => `${Math.round(v * 100)}%`} />
          <Slider id="steps" label="Steps" value={v.steps} min={1} max={50} onChange={(steps) => set({ steps })} />
          <Slider id="guidance" label="Guidance" value={v.guidance} min={0} max={20} step={0.5} onChange={(guidance) => set({ guidance })} />
          <SeedField seed={v.seed} random={v.randomSeed} onSeed={(seed) => set({ seed })} onRandom={(randomSeed) => set({ randomSeed })} error={fieldErrors.seed} />
          {fieldErrors.mask ? <p role="alert" className="text-xs text-rose-400">{fieldErrors.mask}</p> : null}
          {error || localError ? <ErrorAlert message={error ?? localError} /> : null}
          <Button type="submit" loading={submitting || preparing} disabled={submitting || preparing || image.uploading}>
            <SparklesIcon size={16} /> Inpaint
          </Button>
        </>
      }
      results={
        <div className="flex flex-col gap-4">
          {original ? (
            <section aria-label="Mask editor" className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
              <div className="mb-3 flex items-center justify-between gap-2">
                <h2 className="text-sm font-medium text-zinc-200">Paint the area to change</h2>
                <span className="text-xs text-zinc-500">{hasMask ? MASK_LEGEND : "Nothing painted yet"}</span>
              </div>
              <Suspense fallback={<div className="min-h-80" aria-busy="true" />}>
                <MaskCanvas
                  key={original.uploaded.url}
                  ref={mask}
                  imageUrl={original.preview}
                  imageWidth={original.uploaded.width ?? 0}
                  imageHeight={original.uploaded.height ?? 0}
                  onMaskChange={(painted) => {
                    setHasMask(painted);
                    if (painted) setFieldErrors((f) => ({ ...f, mask: "" }));
                  }}
                />
              </Suspense>
            </section>
          ) : (
            empty
          )}
          <JobFeed feed={feed}>
            {(done) => {
              const input = done.input as InpaintInput;
              return <LazyBeforeAfter originalUrl={input.image} outputs={done.outputs} prompt={input.prompt} seed={done.seed} job={done} testId="inpaint-compare" />;
            }}
          </JobFeed>
        </div>
      }
    />
  );
}
