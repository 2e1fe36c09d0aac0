"use client";

import { useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import { RemixNote } from "@/components/job/remix-note";
import type { Seed } from "@/components/job/remix-types";
import { JobPane } from "@/components/job/job-pane";
import { ErrorAlert, InfoAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FileDrop } from "@/components/ui/file-drop";
import { MicIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useJob } from "@/hooks/use-job";
import { useUpload } from "@/hooks/use-upload";
import { check } from "@/lib/client/validate";
import { transcribeInputSchema, type TranscribeInput } from "@/lib/tasks/transcribe/definition";
import type { ModelOption } from "@/lib/providers/model-option";
import { AudioRecorder } from "./recorder";
import { TranscriptView } from "./transcript-view";

const AUDIO_ACCEPT = "audio/*,.mp3,.wav,.m4a,.ogg,.flac,.webm";
const LANGUAGES = [
  ["", "Detect automatically"], ["en", "English"], ["es", "Spanish"], ["fr", "French"], ["de", "German"],
  ["it", "Italian"], ["pt", "Portuguese"], ["nl", "Dutch"], ["ja", "Japanese"], ["zh", "Chinese"],
] as const;

export function TranscribeForm({ models, unavailable, initial }: {
  models: ModelOption[];
  unavailable?: string;
  /** A previous job's settings (?remix=), its audio attached, or audio handed on (?audio=, e.g. Speech's "Transcribe this"). */
  initial?: Seed<TranscribeInput>;
}) {
  const [modelId, setModelId] = useState(models.find((m) => m.id === initial?.model)?.id ?? models[0]!.id);
  const [language, setLanguage] = useState(initial?.input.language ?? "");
  const [mode, setMode] = useState<"transcribe" | "translate">(initial?.input.mode ?? "transcribe");
  const audio = useUpload("audio", initial?.media.audio);
  const job = useJob();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!audio.file) return job.setFieldErrors({ audio: "Upload or record some audio first" });
    const payload = { task: "transcribe" as const, model: modelId, audio: audio.file.uploaded.url, mode, language: language || undefined };
    const checked = check(transcribeInputSchema, payload);
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    await job.start(payload);
  };

  return (
    <GeneratorLayout
      label="Transcription settings"
      onSubmit={submit}
      form={
        <>
          {initial?.jobId ? <RemixNote jobId={initial.jobId} missing={initial.missing} /> : null}
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
            {audio.uploading ? <Spinner label="Uploading…" /> : null}
            {audio.error ? <ErrorAlert message={audio.error} /> : null}
            {job.fieldErrors.audio ? <p role="alert" className="text-xs text-rose-400">{job.fieldErrors.audio}</p> : null}
          </div>
          <ModelSelect id="model" models={models} value={modelId} onChange={setModelId} error={job.fieldErrors.model} />
          <ToggleGroup<"transcribe" | "translate"> label="Task" value={mode} onChange={setMode} options={[{ value: "transcribe", label: "Transcribe" }, { value: "translate", label: "Translate to English" }]} />
          <Field label="Language" htmlFor="language" error={job.fieldErrors.language}>
            <Select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
              {LANGUAGES.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </Select>
          </Field>
          {unavailable ? <InfoAlert title="Not available on this machine" message={unavailable} /> : null}
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <Button type="submit" loading={job.submitting} disabled={job.busy || audio.uploading}>
            <MicIcon size={16} /> {job.busy && !job.submitting ? "Transcribing…" : "Transcribe"}
          </Button>
        </>
      }
      results={
        <JobPane
          job={job.job}
          onCancel={job.cancel}
          empty={{ icon: <MicIcon size={28} />, title: "Your transcript appears here", text: "Upload a recording or record one, and get the text with timestamps, ready as .txt or .srt." }}
        >
          {(done) => (
            <TranscriptView
              text={done.text}
              segments={done.segments ?? []}
              audioUrl={audio.file?.uploaded.url}
              fileBase={(audio.file?.name ?? "").replace(/\.[^.]+$/, "") || "transcript"}
              studio
            />
          )}
        </JobPane>
      }
    />
  );
}
