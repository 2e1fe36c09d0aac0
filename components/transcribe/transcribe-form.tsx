"use client";

import { useCallback } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { UploadStatus } from "@/components/forms/upload-status";
import type { FormPageProps } from "@/components/forms/form-page-props";
import { JobFeed } from "@/components/job/job-feed";
import { ErrorAlert, InfoAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FileDrop } from "@/components/ui/file-drop";
import { MicIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useFormDraft } from "@/hooks/use-form-draft";
import { useJobFeed } from "@/hooks/use-job-feed";
import { useUpload } from "@/hooks/use-upload";
import { checkInput } from "@/lib/client/validate";
import type { TranscribeInput } from "@/lib/tasks/transcribe/definition";
import type { ModelOption } from "@/lib/providers/model-option";
import { AudioRecorder } from "./recorder";
import { lazyView } from "@/lib/client/lazy-view";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const TranscriptView = lazyView(() => import("./transcript-view").then((m) => m.TranscriptView));

const AUDIO_ACCEPT = "audio/*,.mp3,.wav,.m4a,.ogg,.flac,.webm";
const LANGUAGES = [
  ["", "Detect automatically"], ["en", "English"], ["es", "Spanish"], ["fr", "French"], ["de", "German"],
  ["it", "Italian"], ["pt", "Portuguese"], ["nl", "Dutch"], ["ja", "Japanese"], ["zh", "Chinese"],
] as const;

export function TranscribeForm({ models, unavailable, formStart, note, empty }: {
  models: ModelOption[];
  unavailable?: string;
} & FormPageProps<"transcribe">) {
  const draft = useFormDraft("transcribe", formStart);
  const { values: v, set } = draft;
  const modelId = models.some((m) => m.id === v.model) ? v.model : models[0]!.id;
  const audio = useUpload("audio", v.audio, useCallback((file) => set({ audio: file }), [set]));
  const job = useJobFeed("transcribe");

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!audio.file) return job.setFieldErrors({ audio: "Upload or record some audio first" });
    const payload = { task: "transcribe" as const, model: modelId, audio: audio.file.uploaded.url, mode: v.mode, language: v.language || undefined };
    const checked = await checkInput("transcribe", payload);
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    await job.start(payload);
  };
  const clear = () => {
    draft.reset();
    job.setFieldErrors({});
  };

  return (
    <GeneratorLayout
      label="Transcription settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <div className="flex flex-col gap-1.5">
            <span className="text-xs font-medium text-zinc-400">Audio</span>
            {audio.file ? (
              <div className="flex items-center gap-3 rounded-lg border border-zinc-800 bg-zinc-950 p-3 text-xs">
                <MicIcon size={18} className="text-violet-300" />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-zinc-200" data-testid="audio-name">{audio.file.name}</p>
                  <p className="text-zinc-500">{(audio.file.uploaded.bytes / 1024).toFixed(0)} KB</p>
                </div>
                <Button variant="ghost" size="sm" type="button" onClick={audio.clear}>Remove</Button>
              </div>
            ) : (
              <>
                <FileDrop id="audio-file" accept={AUDIO_ACCEPT} label="Drop an audio file or click to choose" description="MP3, WAV, M4A, OGG, FLAC or WebM, up to 100 MB" onFile={(f) => void audio.upload(f)} disabled={audio.uploading} />
                <div className="flex items-center gap-3 text-xs text-zinc-500"><span className="h-px flex-1 bg-zinc-800" />or<span className="h-px flex-1 bg-zinc-800" /></div>
                <AudioRecorder onRecorded={(f) => void audio.upload(f)} disabled={audio.uploading} />
              </>
            )}
            <UploadStatus upload={audio} error={job.fieldErrors.audio} />
          </div>
          <ModelSelect id="model" models={models} value={modelId} onChange={(model) => set({ model })} error={job.fieldErrors.model} />
          <ToggleGroup<"transcribe" | "translate"> label="Task" value={v.mode} onChange={(mode) => set({ mode })} options={[{ value: "transcribe", label: "Transcribe" }, { value: "translate", label: "Translate to English" }]} />
          <Field label="Language" htmlFor="language" error={job.fieldErrors.language}>
            <Select id="language" value={v.language} onChange={(e) => set({ language: e.target.value })}>
              {LANGUAGES.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </Select>
          </Field>
          {unavailable ? <InfoAlert title="Not available on this machine" message={unavailable} /> : null}
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <Button type="submit" loading={job.submitting} disabled={job.submitting || audio.uploading}>
            <MicIcon size={16} /> Transcribe
          </Button>
        </>
      }
      results={
        <JobFeed
          feed={job}
          empty={empty}
        >
          {(done) => {
            const heard = (done.input as TranscribeInput).audio;
            // Downloads are named after the file when it is still the one in the form.
            const named = audio.file?.uploaded.url === heard ? audio.file.name.replace(/\.[^.]+$/, "") : "";
            return <TranscriptView text={done.text} segments={done.segments ?? []} audioUrl={heard} fileBase={named || `transcript-${done.createdAt.slice(0, 10)}`} studio />;
          }}
        </JobFeed>
      }
    />
  );
}
