"use client";

import { useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { PromptFields } from "@/components/forms/prompt-fields";
import { SeedField, seedValue } from "@/components/forms/seed-field";
import { SourceImageField } from "@/components/forms/source-image-field";
import { RemixNote } from "@/components/job/remix-note";
import type { Seed } from "@/components/job/remix-types";
import { JobPane } from "@/components/job/job-pane";
import { VideoPlayer } from "@/components/job/video-player";
import { ErrorAlert, InfoAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SparklesIcon, VideoIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useJob } from "@/hooks/use-job";
import { useUpload } from "@/hooks/use-upload";
import { check } from "@/lib/client/validate";
import { videoInputSchema, type VideoInput } from "@/lib/tasks/video/definition";
import type { ModelOption } from "@/lib/providers/model-option";

type Mode = "text" | "image";

export function VideoForm({ textModels, imageModels, unavailable, initial }: {
  textModels: ModelOption[];
  imageModels: ModelOption[];
  initialPrompt?: string;
  unavailable?: string;
  /** A previous job's settings (?remix=), used for every field. */
  initial?: Seed<VideoInput>;
}) {
  const from = initial?.input;
  const initialMode: Mode = from?.startImage ? "image" : "text";
  const [mode, setMode] = useState<Mode>(initialMode);
  const models = mode === "text" ? textModels : imageModels;
  const [modelId, setModelId] = useState<Record<Mode, string>>({
    text: (initialMode === "text" && initial?.model) || textModels[0]!.id,
    image: (initialMode === "image" && initial?.model) || imageModels[0]!.id,
  });
  const model = models.find((m) => m.id === modelId[mode]) ?? models[0]!;
  const { supports } = model;
  const [prompt, setPrompt] = useState(from?.prompt ?? "");
  const [negative, setNegative] = useState(from?.negativePrompt ?? "");
  const [duration, setDuration] = useState<string | undefined>(from?.duration);
  const [aspect, setAspect] = useState<string | undefined>(from?.aspectRatio);
  const [steps, setSteps] = useState(from?.steps ?? 30);
  const [guidance, setGuidance] = useState(from?.guidance ?? 3);
  const [seed, setSeed] = useState(from?.seed != null ? String(from.seed) : "");
  const [randomSeed, setRandomSeed] = useState(from?.seed == null);
  const start = useUpload("image", initial?.media.startImage);
  const job = useJob();
  // A model switch can drop the chosen value from the options; fall back to the model's first.
  const chosenDuration = duration && supports.duration?.includes(duration) ? duration : supports.duration?.[0];
  const chosenAspect = aspect && supports.aspectRatio?.includes(aspect) ? aspect : supports.aspectRatio?.[0];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = {
      task: "video" as const,
      model: model.id,
      prompt,
      negativePrompt: supports.negativePrompt && negative.trim() ? negative : undefined,
      duration: chosenDuration,
      aspectRatio: mode === "text" ? chosenAspect : undefined,
      steps,
      guidance,
      seed: seedValue(seed, randomSeed),
      startImage: mode === "image" ? start.file?.uploaded.url : undefined,
    };
    const checked = check(videoInputSchema, payload);
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    if (mode === "image" && !start.file) return job.setFieldErrors({ startImage: "Upload the first frame" });
    await job.start(payload);
  };

  return (
    <GeneratorLayout
      label="Video settings"
      onSubmit={submit}
      form={
        <>
          {initial?.jobId ? <RemixNote jobId={initial.jobId} missing={initial.missing} /> : null}
          <ToggleGroup<Mode> label="Mode" value={mode} onChange={setMode} options={[{ value: "text", label: "Text → Video" }, { value: "image", label: "Image → Video" }]} />
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => setModelId((m) => ({ ...m, [mode]: id }))} error={job.fieldErrors.model} />
          {mode === "image" ? <SourceImageField upload={start} error={job.fieldErrors.startImage} label="Start frame" id="start-frame" /> : null}
          <PromptFields
            prompt={prompt}
            onPrompt={setPrompt}
            negative={negative}
            onNegative={setNegative}
            showNegative={Boolean(supports.negativePrompt)}
            errors={job.fieldErrors}
            placeholder="Slow dolly-in on a neon-lit ramen stall in the rain, steam rising"
          />
          {supports.duration && chosenDuration ? (
            <ToggleGroup label="Duration" value={chosenDuration} onChange={setDuration} options={supports.duration.map((d) => ({ value: d, label: `${d} s` }))} />
          ) : null}
          {mode === "text" && supports.aspectRatio && chosenAspect ? (
            <ToggleGroup label="Aspect ratio" value={chosenAspect} onChange={setAspect} options={supports.aspectRatio.map((a) => ({ value: a, label: a }))} />
          ) : null}
          {supports.steps ? <Slider id="steps" label="Steps" value={steps} min={1} max={50} onChange={setSteps} /> : null}
          {supports.guidance ? <Slider id="guidance" label="Guidance" value={guidance} min={0} max={20} step={0.5} onChange={setGuidance} /> : null}
          {supports.seed ? <SeedField seed={seed} random={randomSeed} onSeed={setSeed} onRandom={setRandomSeed} error={job.fieldErrors.seed} /> : null}
          {job.fieldErrors.duration ? <p role="alert" className="text-xs text-rose-400">{job.fieldErrors.duration}</p> : null}
          {unavailable ? <InfoAlert title="Not available on this machine" message={unavailable} /> : null}
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <Button type="submit" loading={job.submitting} disabled={job.busy || start.uploading}>
            <SparklesIcon size={16} /> {job.busy && !job.submitting ? "Generating…" : "Generate video"}
          </Button>
        </>
      }
      results={
        <JobPane
          job={job.job}
          onCancel={job.cancel}
          empty={{ icon: <VideoIcon size={28} />, title: "Your clip appears here", text: "Describe a shot, or start from an image. Video jobs take a while; progress shows here." }}
        >
          {(done) => (done.outputs[0] ? <VideoPlayer output={done.outputs[0]} prompt={prompt} seed={done.seed} autoPlay studio /> : null)}
        </JobPane>
      }
    />
  );
}
