"use client";

import { useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField, seedValue } from "@/components/forms/seed-field";
import { SizeField } from "@/components/forms/size-field";
import { SourceImageField } from "@/components/forms/source-image-field";
import { RemixNote } from "@/components/job/remix-note";
import type { Seed } from "@/components/job/remix-types";
import { BeforeAfter } from "@/components/job/before-after";
import { ImageGrid } from "@/components/job/image-grid";
import { JobPane } from "@/components/job/job-pane";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ImageIcon, SparklesIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useJob } from "@/hooks/use-job";
import { useUpload } from "@/hooks/use-upload";
import { check } from "@/lib/client/validate";
import { imageInputSchema, type ImageInput } from "@/lib/tasks/image/definition";
import type { ImageSize } from "@/lib/providers/catalog";
import type { ModelOption } from "@/lib/providers/model-option";

type Mode = "text" | "image";

export function ImageForm({ textModels, imageModels, initial }: {
  textModels: ModelOption[];
  imageModels: ModelOption[];
  /** A previous job's settings (?remix=), used for every field, or a result handed on to it. */
  initial?: Seed<ImageInput>;
}) {
  const from = initial?.input;
  const initialMode: Mode = from?.sourceImage ? "image" : "text";
  const [mode, setMode] = useState<Mode>(initialMode);
  const models = mode === "text" ? textModels : imageModels;
  const [modelId, setModelId] = useState<Record<Mode, string>>({
    text: (initialMode === "text" && initial?.model) || textModels[0]!.id,
    image: (initialMode === "image" && initial?.model) || imageModels[0]!.id,
  });
  const model = models.find((m) => m.id === modelId[mode]) ?? models[0]!;
  const [prompt, setPrompt] = useState(from?.prompt ?? "");
  const [negative, setNegative] = useState(from?.negativePrompt ?? "");
  const [size, setSize] = useState<ImageSize>(from?.imageSize ?? "landscape_4_3");
  const [steps, setSteps] = useState(from?.steps ?? 28);
  const [guidance, setGuidance] = useState(from?.guidance ?? 3.5);
  const [strength, setStrength] = useState(from?.strength ?? 0.85);
  const [numImages, setNumImages] = useState(String(from?.numImages ?? 1));
  const [seed, setSeed] = useState(from?.seed != null ? String(from.seed) : "");
  const [randomSeed, setRandomSeed] = useState(from?.seed == null);
  const source = useUpload("image", initial?.media.sourceImage);
  const { job, start, cancel, submitting, busy, error, fieldErrors, setFieldErrors } = useJob();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = {
      task: "image" as const,
      model: model.id,
      prompt,
      negativePrompt: model.supports.negativePrompt && negative.trim() ? negative : undefined,
      imageSize: size,
      steps,
      guidance,
      seed: seedValue(seed, randomSeed),
      numImages: Number(numImages),
      ...(mode === "image" ? { sourceImage: source.file?.uploaded.url, strength } : {}),
    };
    const checked = check(imageInputSchema, payload);
    if (!checked.ok) return setFieldErrors(checked.errors);
    if (mode === "image" && !source.file) return setFieldErrors({ sourceImage: "Upload the image to start from" });
    await start(payload);
  };

  const reuseSeed = (value: number) => {
    setRandomSeed(false);
    setSeed(String(value));
  };

  return (
    <GeneratorLayout
      label="Image settings"
      onSubmit={submit}
      form={
        <>
          {initial?.jobId ? <RemixNote jobId={initial.jobId} missing={initial.missing} /> : null}
          <ToggleGroup<Mode>
            label="Mode"
            value={mode}
            onChange={setMode}
            options={[{ value: "text", label: "Text → Image" }, { value: "image", label: "Image → Image" }]}
          />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => setModelId((m) => ({ ...m, [mode]: id }))} error={fieldErrors.model} />
          {mode === "image" ? (
            <SourceImageField upload={source} error={fieldErrors.sourceImage} label="Source image" />
          ) : null}
          <PromptFields
            prompt={prompt}
            onPrompt={setPrompt}
            negative={negative}
            onNegative={setNegative}
            showNegative={Boolean(model.supports.negativePrompt)}
            errors={fieldErrors}
            placeholder="A lighthouse on a basalt cliff at dawn, long exposure, mist over the sea"
          />
          {mode === "text" ? <SizeField value={size} onChange={setSize} errors={fieldErrors} /> : null}
          {mode === "image" ? (
            <Slider id="strength" label="Strength" value={strength} min={0.05} max={1} step={0.05} onChange={setStrength} format={(v) => `${Math.round(v * 100)}%`} />
          ) : null}
          <Slider id="steps" label="Steps" value={steps} min={1} max={50} onChange={setSteps} />
          <Slider id="guidance" label="Guidance" value={guidance} min={0} max={20} step={0.5} onChange={setGuidance} />
          <ToggleGroup label="Number of images" value={numImages} onChange={setNumImages} options={["1", "2", "3", "4"].map((v) => ({ value: v, label: v }))} />
          <SeedField seed={seed} random={randomSeed} onSeed={setSeed} onRandom={setRandomSeed} error={fieldErrors.seed} />
          {error ? <ErrorAlert message={error} /> : null}
          <Button type="submit" loading={submitting} disabled={busy || source.uploading}>
            <SparklesIcon size={16} /> {busy && !submitting ? "Generating…" : "Generate"}
          </Button>
        </>
      }
      results={
        <JobPane
          job={job}
          onCancel={cancel}
          empty={{ icon: <ImageIcon size={28} />, title: "Your images appear here", text: "Describe a picture and press Generate. Results stay downloadable." }}
        >
          {(done) => (
            <div className="flex flex-col gap-3">
              {source.file && "sourceImage" in done.input && done.input.sourceImage ? (
                <BeforeAfter originalUrl={source.file.preview} outputs={done.outputs} prompt={done.input.prompt} seed={done.seed} job={done} />
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
        </JobPane>
      }
    />
  );
}
