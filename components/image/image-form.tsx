"use client";

import { useCallback } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField } from "@/components/forms/seed-field";
import { seedDraft, seedValue } from "@/components/forms/seed";
import { SizeField } from "@/components/forms/size-field";
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
import { checkInput } from "@/lib/client/validate";
import { pickModel, switchModelDefaults, type ModelOption } from "@/lib/providers/model-option";
import { lazyView } from "@/lib/client/lazy-view";
import { LazyBeforeAfter } from "@/components/job/lazy-before-after";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const ImageGrid = lazyView(() => import("@/components/job/image-grid").then((m) => m.ImageGrid));

type Mode = "text" | "image";

type Draft = Drafts["image"];

export function ImageForm({ textModels, imageModels, formStart, note, empty }: {
  textModels: ModelOption[];
  imageModels: ModelOption[];
} & FormPageProps<"image">) {
  const draft = useFormDraft("image", formStart);
  const { values: v, set } = draft;
  const { mode } = v;
  const modelIn = (m: Mode, ids = v.model) => pickModel(m === "text" ? textModels : imageModels, ids[m]);
  const models = mode === "text" ? textModels : imageModels;
  const model = modelIn(mode);
  const source = useUpload("image", v.source, useCallback((file) => set({ source: file }), [set]));
  const feed = useJobFeed("image");
  const { start, submitting, error, fieldErrors, setFieldErrors } = feed;

  // A new model (or mode) brings its own defaults for the fields still at the old model's.
  const switchTo = (nextMode: Mode, ids: Draft["model"]) =>
    set((d) => ({ ...switchModelDefaults(d, model.defaults, modelIn(nextMode, ids).defaults), mode: nextMode, model: ids }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = {
      task: "image" as const,
      model: model.id,
      prompt: v.prompt,
      negativePrompt: model.supports.negativePrompt && v.negative.trim() ? v.negative : undefined,
      imageSize: v.size,
      steps: v.steps,
      guidance: v.guidance,
      seed: seedValue(v.seed, v.randomSeed),
      numImages: Number(v.numImages),
      ...(mode === "image" ? { sourceImage: source.file?.uploaded.url, strength: v.strength } : {}),
    };
    const checked = await checkInput("image", payload);
    if (!checked.ok) return setFieldErrors(checked.errors);
    if (mode === "image" && !source.file) return setFieldErrors({ sourceImage: "Upload the image to start from" });
    await start(payload);
  };

  const reuseSeed = (value: number) => set(seedDraft(value));
  const clear = () => {
    draft.reset();
    setFieldErrors({});
  };

  return (
    <GeneratorLayout
      label="Image settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <ToggleGroup<Mode>
            label="Mode"
            value={mode}
            onChange={(m) => switchTo(m, v.model)}
            options={[{ value: "text", label: "Text → Image" }, { value: "image", label: "Image → Image" }]}
          />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => switchTo(mode, { ...v.model, [mode]: id })} error={fieldErrors.model} />
          {mode === "image" ? (
            <SourceImageField upload={source} error={fieldErrors.sourceImage} label="Source image" />
          ) : null}
          <PromptFields
            prompt={v.prompt}
            onPrompt={(prompt) => set({ prompt })}
            negative={v.negative}
            onNegative={(negative) => set({ negative })}
            showNegative={Boolean(model.supports.negativePrompt)}
            errors={fieldErrors}
            placeholder="A lighthouse on a basalt cliff at dawn, long exposure, mist over the sea"
          />
          {mode === "text" ? <SizeField value={v.size} onChange={(size) => set({ size })} errors={fieldErrors} multiple={model.supports.imageSize?.multiple} /> : null}
          {mode === "image" ? (
            <Slider id="strength" label="Strength" value={v.strength} min={0.05} max={1} step={0.05} onChange={(strength) => set({ strength })} format={(v) => `${Math.round(v * 100)}%`} />
          ) : null}
          <Slider id="steps" label="Steps" value={v.steps} min={1} max={50} onChange={(steps) => set({ steps })} />
          <Slider id="guidance" label="Guidance" value={v.guidance} min={0} max={20} step={0.5} onChange={(guidance) => set({ guidance })} />
          <ToggleGroup label="Number of images" value={v.numImages} onChange={(numImages) => set({ numImages })} options={["1", "2", "3", "4"].map((v) => ({ value: v, label: v }))} />
          <SeedField seed={v.seed} random={v.randomSeed} onSeed={(seed) => set({ seed })} onRandom={(randomSeed) => set({ randomSeed })} error={fieldErrors.seed} />
          {error ? <ErrorAlert message={error} /> : null}
          <Button type="submit" loading={submitting} disabled={submitting || source.uploading}>
            <SparklesIcon size={16} /> Generate
          </Button>
        </>
      }
      results={
        <JobFeed
          feed={feed}
          empty={empty}
        >
          {(done) => (
            <div className="flex flex-col gap-3">
              {"sourceImage" in done.input && done.input.sourceImage ? (
                <LazyBeforeAfter originalUrl={done.input.sourceImage} outputs={done.outputs} prompt={done.input.prompt} seed={done.seed} job={done} />
              ) : (
                <ImageGrid outputs={done.outputs} prompt={"prompt" in done.input ? done.input.prompt : undefined} seed={done.seed} job={done} />
              )}
              {done.seed !== null ? (
                <div>
                  <Button variant="ghost" size="sm" onClick={() => reuseSeed(done.seed!)}>
                    Reuse seed {done.seed}
                  </Button>
                </div>
              ) : null}
            </div>
          )}
        </JobFeed>
      }
    />
  );
}
