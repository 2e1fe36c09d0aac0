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
import { ErrorAlert, InfoAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SparklesIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useFormDraft } from "@/hooks/use-form-draft";
import type { Drafts } from "@/lib/client/draft-schemas";
import { useJobFeed } from "@/hooks/use-job-feed";
import { useUpload } from "@/hooks/use-upload";
import { checkInput } from "@/lib/client/validate";
import type { VideoInput } from "@/lib/tasks/video/definition";
import { pickModel, switchModelDefaults, type ModelOption } from "@/lib/providers/model-option";
import { lazyView } from "@/lib/client/lazy-view";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const VideoPlayer = lazyView(() => import("@/components/job/video-player").then((m) => m.VideoPlayer));

type Mode = "text" | "image";

type Draft = Drafts["video"];

export function VideoForm({ textModels, imageModels, unavailable, formStart, note, empty }: {
  textModels: ModelOption[];
  imageModels: ModelOption[];
  unavailable?: string;
} & FormPageProps<"video">) {
  const draft = useFormDraft("video", formStart);
  const { values: v, set } = draft;
  const { mode } = v;
  const modelIn = (m: Mode, ids = v.model) => pickModel(m === "text" ? textModels : imageModels, ids[m]);
  const models = mode === "text" ? textModels : imageModels;
  const model = modelIn(mode);
  const { supports } = model;
  const start = useUpload("image", v.start, useCallback((file) => set({ start: file }), [set]));
  const job = useJobFeed("video");
  // A model switch can drop the chosen value from the options; fall back to the model's first.
  const chosenDuration = v.duration && supports.duration?.includes(v.duration) ? v.duration : supports.duration?.[0];
  const chosenAspect = v.aspect && supports.aspectRatio?.includes(v.aspect) ? v.aspect : supports.aspectRatio?.[0];

  // A new model (or mode) brings its own defaults for the fields still at the old model's.
  const switchTo = (nextMode: Mode, ids: Draft["model"]) =>
    set((d) => ({ ...switchModelDefaults(d, model.defaults, modelIn(nextMode, ids).defaults), mode: nextMode, model: ids }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = {
      task: "video" as const,
      model: model.id,
      prompt: v.prompt,
      negativePrompt: supports.negativePrompt && v.negative.trim() ? v.negative : undefined,
      duration: chosenDuration,
      aspectRatio: mode === "text" ? chosenAspect : undefined,
      steps: v.steps,
      guidance: v.guidance,
      seed: seedValue(v.seed, v.randomSeed),
      startImage: mode === "image" ? start.file?.uploaded.url : undefined,
    };
    const checked = await checkInput("video", payload);
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    if (mode === "image" && !start.file) return job.setFieldErrors({ startImage: "Upload the first frame" });
    await job.start(payload);
  };
  const clear = () => {
    draft.reset();
    job.setFieldErrors({});
  };

  return (
    <GeneratorLayout
      label="Video settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <ToggleGroup<Mode> label="Mode" value={mode} onChange={(m) => switchTo(m, v.model)} options={[{ value: "text", label: "Text → Video" }, { value: "image", label: "Image → Video" }]} />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => switchTo(mode, { ...v.model, [mode]: id })} error={job.fieldErrors.model} />
          {mode === "image" ? <SourceImageField upload={start} error={job.fieldErrors.startImage} label="Start frame" id="start-frame" /> : null}
          <PromptFields
            prompt={v.prompt}
            onPrompt={(prompt) => set({ prompt })}
            negative={v.negative}
            onNegative={(negative) => set({ negative })}
            showNegative={Boolean(supports.negativePrompt)}
            errors={job.fieldErrors}
            placeholder="Slow dolly-in on a neon-lit ramen stall in the rain, steam rising"
          />
          {supports.duration && chosenDuration ? (
            <ToggleGroup label="Duration" value={chosenDuration} onChange={(duration) => set({ duration })} options={supports.duration.map((d) => ({ value: d, label: `${d} s` }))} />
          ) : null}
          {mode === "text" && supports.aspectRatio && chosenAspect ? (
            <ToggleGroup label="Aspect ratio" value={chosenAspect} onChange={(aspect) => set({ aspect })} options={supports.aspectRatio.map((a) => ({ value: a, label: a }))} />
          ) : null}
          {supports.steps ? <Slider id="steps" label="Steps" value={v.steps} min={1} max={50} onChange={(steps) => set({ steps })} /> : null}
          {supports.guidance ? <Slider id="guidance" label="Guidance" value={v.guidance} min={0} max={20} step={0.5} onChange={(guidance) => set({ guidance })} /> : null}
          {supports.seed ? <SeedField seed={v.seed} random={v.randomSeed} onSeed={(seed) => set({ seed })} onRandom={(randomSeed) => set({ randomSeed })} error={job.fieldErrors.seed} /> : null}
          {job.fieldErrors.duration ? <p role="alert" className="text-xs text-rose-400">{job.fieldErrors.duration}</p> : null}
          {unavailable ? <InfoAlert title="Not available on this machine" message={unavailable} /> : null}
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <Button type="submit" loading={job.submitting} disabled={job.submitting || start.uploading}>
            <SparklesIcon size={16} /> Generate video
          </Button>
        </>
      }
      results={
        <JobFeed
          feed={job}
          empty={empty}
        >
          {/* Only the newest clip plays by itself; a feed of them all playing at once would be noise. */}
          {(done) => (done.outputs[0] ? <VideoPlayer output={done.outputs[0]} prompt={(done.input as VideoInput).prompt} seed={done.seed} autoPlay={done.id === job.items[0]?.id} studio /> : null)}
        </JobFeed>
      }
    />
  );
}
