"use client";

import { useRef, useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField, seedValue } from "@/components/forms/seed-field";
import { SourceImageField } from "@/components/forms/source-image-field";
import { RemixNote } from "@/components/job/remix-note";
import type { Remix } from "@/components/job/remix-types";
import { JobProgress } from "@/components/job/job-progress";
import { ResultActions } from "@/components/job/result-actions";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { BrushIcon, SparklesIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { useJob } from "@/hooks/use-job";
import { useUpload } from "@/hooks/use-upload";
import { uploadFile } from "@/lib/client/api";
import { check } from "@/lib/client/validate";
import { inpaintInputSchema, type InpaintInput } from "@/lib/tasks/inpaint/definition";
import type { ModelOption } from "@/lib/providers/model-option";
import { BeforeAfter } from "@/components/job/before-after";
import { MaskCanvas, type MaskCanvasHandle } from "./mask-canvas";

export function InpaintForm({ models, initialPrompt, initial }: {
  models: ModelOption[];
  initialPrompt?: string;
  /** A previous job's settings (?remix=): its image is attached, the mask is painted again. */
  initial?: Remix<InpaintInput>;
}) {
  const from = initial?.input;
  const [modelId, setModelId] = useState(initial?.model ?? models[0]!.id);
  const model = models.find((m) => m.id === modelId) ?? models[0]!;
  const [prompt, setPrompt] = useState(from?.prompt ?? initialPrompt ?? "");
  const [negative, setNegative] = useState(from?.negativePrompt ?? "");
  const [strength, setStrength] = useState(from?.strength ?? 0.85);
  const [steps, setSteps] = useState(from?.steps ?? 28);
  const [guidance, setGuidance] = useState(from?.guidance ?? 3.5);
  const [seed, setSeed] = useState(from?.seed != null ? String(from.seed) : "");
  const [randomSeed, setRandomSeed] = useState(from?.seed == null);
  const [hasMask, setHasMask] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const image = useUpload("image", initial?.media.image);
  const mask = useRef<MaskCanvasHandle>(null);
  const { job, start, cancel, submitting, busy, error, fieldErrors, setFieldErrors } = useJob();
  const [localError, setLocalError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!image.file) return setFieldErrors({ image: "Upload the image to edit" });
    if (!mask.current || mask.current.isEmpty()) return setFieldErrors({ mask: "Paint over the area to change" });
    const draft = {
      task: "inpaint" as const,
      model: model.id,
      prompt,
      negativePrompt: model.supports.negativePrompt && negative.trim() ? negative : undefined,
      image: image.file.uploaded.url,
      // Validated before the mask upload so a missing prompt costs nothing.
      mask: image.file.uploaded.url,
      strength,
      steps,
      guidance,
      seed: seedValue(seed, randomSeed),
      numImages: 1,
    };
    const checked = check(inpaintInputSchema, draft);
    if (!checked.ok) return setFieldErrors(checked.errors);
    setPreparing(true);
    try {
      const uploaded = await uploadFile(await mask.current.exportMask(), "image");
      await start({ ...draft, mask: uploaded.url });
    } catch (err) {
      setLocalError(err instanceof Error ? err.message : "Could not upload the mask.");
    } finally {
      setPreparing(false);
    }
  };

  const original = image.file;
  return (
    <GeneratorLayout
      label="Inpaint settings"
      onSubmit={submit}
      resultsFirstWhenStacked={Boolean(original)}
      form={
        <>
          {initial ? (
            <RemixNote jobId={initial.jobId} missing={initial.missing}>
              {initial.media.image ? "The image is attached; paint the mask again — masks are not carried over." : null}
            </RemixNote>
          ) : null}
          <SourceImageField upload={image} error={fieldErrors.image} label="Image to edit" id="inpaint-image" />
          <ModelSelect id="model" models={models} value={model.id} onChange={setModelId} error={fieldErrors.model} />
          <PromptFields
            prompt={prompt}
            onPrompt={setPrompt}
            negative={negative}
            onNegative={setNegative}
            showNegative={Boolean(model.supports.negativePrompt)}
            errors={fieldErrors}
            placeholder="A bouquet of wild flowers in a ceramic vase"
          />
          <Slider id="strength" label="Strength" value={strength} min={0.05} max={1} step={0.05} onChange={setStrength} format={(v) => `${Math.round(v * 100)}%`} />
          <Slider id="steps" label="Steps" value={steps} min={1} max={50} onChange={setSteps} />
          <Slider id="guidance" label="Guidance" value={guidance} min={0} max={20} step={0.5} onChange={setGuidance} />
          <SeedField seed={seed} random={randomSeed} onSeed={setSeed} onRandom={setRandomSeed} error={fieldErrors.seed} />
          {fieldErrors.mask ? <p role="alert" className="text-xs text-rose-400">{fieldErrors.mask}</p> : null}
          {error || localError ? <ErrorAlert message={error ?? localError} /> : null}
          <Button type="submit" loading={submitting || preparing} disabled={busy || preparing || image.uploading}>
            <SparklesIcon size={16} /> {busy && !submitting ? "Inpainting…" : "Inpaint"}
          </Button>
        </>
      }
      results={
        <div className="flex flex-col gap-4">
          {original ? (
            <section aria-label="Mask editor" className="rounded-2xl border border-zinc-800 bg-zinc-900/60 p-4">
              <div className="mb-3 flex items-center justify-between gap-2">
                <h2 className="text-sm font-medium text-zinc-200">Paint the area to change</h2>
                <span className="text-xs text-zinc-500">{hasMask ? "White = change · the rest is kept" : "Nothing painted yet"}</span>
              </div>
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
            </section>
          ) : (
            <EmptyState icon={<BrushIcon size={28} />} title="Upload an image to start" text="Then paint over what should change and describe it. Everything you don't paint stays exactly as it is." className="min-h-80" />
          )}
          {job ? <JobProgress job={job} onCancel={cancel} /> : null}
          {job?.status === "done" && original ? (
            <>
              <BeforeAfter originalUrl={original.preview} outputs={job.outputs} prompt={prompt} seed={job.seed} testId="inpaint-compare" />
              <ResultActions job={job} key={job.id} />
            </>
          ) : null}
        </div>
      }
    />
  );
}
