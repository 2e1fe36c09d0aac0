"use client";

import { useCallback } from "react";
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
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useFormDraft } from "@/hooks/use-form-draft";
import { useJobFeed } from "@/hooks/use-job-feed";
import { useUpload } from "@/hooks/use-upload";
import { checkInput } from "@/lib/client/validate";
import { pickModel, type ModelOption } from "@/lib/providers/model-option";
import type { BackgroundInput, BackgroundMode } from "@/lib/tasks/background/definition";
import { LazyBeforeAfter } from "@/components/job/lazy-before-after";

export function BackgroundForm({ removeModels, replaceModels, formStart, note, empty }: {
  removeModels: ModelOption[];
  replaceModels: ModelOption[];
} & FormPageProps<"background">) {
  const draft = useFormDraft("background", formStart);
  const { values: v, set } = draft;
  const { mode } = v;
  const models = mode === "remove" ? removeModels : replaceModels;
  const model = pickModel(models, v.model[mode]);
  const image = useUpload("image", v.image, useCallback((file) => set({ image: file }), [set]));
  const feed = useJobFeed("background");
  const { start, submitting, error, fieldErrors, setFieldErrors } = feed;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!image.file) return setFieldErrors({ image: "Upload the image to work on" });
    const payload = {
      task: "background" as const,
      model: model.id,
      image: image.file.uploaded.url,
      mode,
      // Removal takes no words, seed or count: only a replacement sends them.
      ...(mode === "replace"
        ? {
            prompt: v.prompt,
            negativePrompt: model.supports.negativePrompt && v.negative.trim() ? v.negative : undefined,
            seed: seedValue(v.seed, v.randomSeed),
            numImages: Number(v.numImages),
          }
        : {}),
    };
    const checked = await checkInput("background", payload);
    if (!checked.ok) return setFieldErrors(checked.errors);
    await start(payload);
  };
  const clear = () => {
    draft.reset();
    setFieldErrors({});
  };

  const replace = mode === "replace";
  return (
    <GeneratorLayout
      label="Background settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <SourceImageField upload={image} error={fieldErrors.image} label="Image" id="background-image" />
          <ToggleGroup<BackgroundMode>
            label="Mode"
            value={mode}
            onChange={(m) => {
              set({ mode: m });
              setFieldErrors({});
            }}
            options={[{ value: "remove", label: "Remove" }, { value: "replace", label: "Replace" }]}
          />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => set({ model: { ...v.model, [mode]: id } })} error={fieldErrors.model} />
          {replace ? (
            <>
              <PromptFields
                prompt={v.prompt}
                onPrompt={(prompt) => set({ prompt })}
                negative={v.negative}
                onNegative={(negative) => set({ negative })}
                showNegative={Boolean(model.supports.negativePrompt)}
                errors={fieldErrors}
                placeholder="A sunlit marble countertop with soft shadows"
              />
              {model.supports.numImages ? (
                <ToggleGroup label="Number of images" value={v.numImages} onChange={(numImages) => set({ numImages })} options={["1", "2", "3", "4"].map((v) => ({ value: v, label: v }))} />
              ) : null}
              {model.supports.seed ? <SeedField seed={v.seed} random={v.randomSeed} onSeed={(seed) => set({ seed })} onRandom={(randomSeed) => set({ randomSeed })} error={fieldErrors.seed} /> : null}
            </>
          ) : (
            <p className="text-xs text-zinc-500">The subject is kept exactly; everything around it becomes transparent.</p>
          )}
          {error ? <ErrorAlert message={error} /> : null}
          <Button type="submit" loading={submitting} disabled={submitting || image.uploading}>
            <SparklesIcon size={16} /> Generate
          </Button>
        </>
      }
      results={
        <JobFeed
          feed={feed}
          empty={empty}
        >
          {(done) => {
            const input = done.input as BackgroundInput;
            return <LazyBeforeAfter originalUrl={input.image} outputs={done.outputs} prompt={input.prompt} seed={done.seed} kind="cutout" job={done} testId="background-result" />;
          }}
        </JobFeed>
      }
    />
  );
}
