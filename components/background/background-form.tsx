"use client";

import { useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField, seedValue } from "@/components/forms/seed-field";
import { SourceImageField } from "@/components/forms/source-image-field";
import { BeforeAfter } from "@/components/job/before-after";
import { JobPane } from "@/components/job/job-pane";
import { RemixNote } from "@/components/job/remix-note";
import type { Seed } from "@/components/job/remix-types";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ScissorsIcon, SparklesIcon } from "@/components/ui/icons";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useJob } from "@/hooks/use-job";
import { useUpload } from "@/hooks/use-upload";
import { check } from "@/lib/client/validate";
import type { ModelOption } from "@/lib/providers/model-option";
import { backgroundInputSchema, type BackgroundInput, type BackgroundMode } from "@/lib/tasks/background/definition";

export function BackgroundForm({ removeModels, replaceModels, initial }: {
  removeModels: ModelOption[];
  replaceModels: ModelOption[];
  /** A previous job's settings (?remix=), used for every field. */
  initial?: Seed<BackgroundInput>;
}) {
  const from = initial?.input;
  const [mode, setMode] = useState<BackgroundMode>(from?.mode ?? "remove");
  const models = mode === "remove" ? removeModels : replaceModels;
  const [modelId, setModelId] = useState<Record<BackgroundMode, string>>({
    remove: (from?.mode === "remove" && initial?.model) || removeModels[0]!.id,
    replace: (from?.mode === "replace" && initial?.model) || replaceModels[0]!.id,
  });
  const model = models.find((m) => m.id === modelId[mode]) ?? models[0]!;
  const [prompt, setPrompt] = useState(from?.prompt ?? "");
  const [negative, setNegative] = useState(from?.negativePrompt ?? "");
  const [numImages, setNumImages] = useState(String(from?.numImages ?? 1));
  const [seed, setSeed] = useState(from?.seed != null ? String(from.seed) : "");
  const [randomSeed, setRandomSeed] = useState(from?.seed == null);
  const image = useUpload("image", initial?.media.image);
  const { job, start, cancel, submitting, busy, error, fieldErrors, setFieldErrors } = useJob();

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
            prompt,
            negativePrompt: model.supports.negativePrompt && negative.trim() ? negative : undefined,
            seed: seedValue(seed, randomSeed),
            numImages: Number(numImages),
          }
        : {}),
    };
    const checked = check(backgroundInputSchema, payload);
    if (!checked.ok) return setFieldErrors(checked.errors);
    await start(payload);
  };

  const replace = mode === "replace";
  return (
    <GeneratorLayout
      label="Background settings"
      onSubmit={submit}
      form={
        <>
          {initial?.jobId ? <RemixNote jobId={initial.jobId} missing={initial.missing} /> : null}
          <SourceImageField upload={image} error={fieldErrors.image} label="Image" id="background-image" />
          <ToggleGroup<BackgroundMode>
            label="Mode"
            value={mode}
            onChange={(m) => {
              setMode(m);
              setFieldErrors({});
            }}
            options={[{ value: "remove", label: "Remove" }, { value: "replace", label: "Replace" }]}
          />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => setModelId((m) => ({ ...m, [mode]: id }))} error={fieldErrors.model} />
          {replace ? (
            <>
              <PromptFields
                prompt={prompt}
                onPrompt={setPrompt}
                negative={negative}
                onNegative={setNegative}
                showNegative={Boolean(model.supports.negativePrompt)}
                errors={fieldErrors}
                placeholder="A sunlit marble countertop with soft shadows"
              />
              {model.supports.numImages ? (
                <ToggleGroup label="Number of images" value={numImages} onChange={setNumImages} options={["1", "2", "3", "4"].map((v) => ({ value: v, label: v }))} />
              ) : null}
              {model.supports.seed ? <SeedField seed={seed} random={randomSeed} onSeed={setSeed} onRandom={setRandomSeed} error={fieldErrors.seed} /> : null}
            </>
          ) : (
            <p className="text-xs text-zinc-500">The subject is kept exactly; everything around it becomes transparent.</p>
          )}
          {error ? <ErrorAlert message={error} /> : null}
          <Button type="submit" loading={submitting} disabled={busy || image.uploading}>
            <SparklesIcon size={16} /> {busy && !submitting ? "Working…" : "Generate"}
          </Button>
        </>
      }
      results={
        <JobPane
          job={job}
          onCancel={cancel}
          empty={{ icon: <ScissorsIcon size={28} />, title: "Your cut-out appears here", text: "Upload a picture with a clear subject, then remove its background or describe a new one." }}
        >
          {(done) => {
            const input = done.input as BackgroundInput;
            return <BeforeAfter originalUrl={input.image} outputs={done.outputs} prompt={input.prompt} seed={done.seed} kind="cutout" job={done} testId="background-result" />;
          }}
        </JobPane>
      }
    />
  );
}
