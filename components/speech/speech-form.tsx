"use client";

import { GeneratorLayout } from "@/components/forms/generator-layout";
import { ModelSelect } from "@/components/forms/model-select";
import type { FormPageProps } from "@/components/forms/form-page-props";
import { JobFeed } from "@/components/job/job-feed";
import { ErrorAlert, InfoAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { SpeakerIcon } from "@/components/ui/icons";
import { Select, Textarea } from "@/components/ui/input";
import { Slider } from "@/components/ui/slider";
import { useFormDraft } from "@/hooks/use-form-draft";
import { useJobFeed } from "@/hooks/use-job-feed";
import { checkInput } from "@/lib/client/validate";
import { cn } from "@/lib/cn";
import { pickModel, type ModelOption } from "@/lib/providers/model-option";
import type { SpeechLimits, SpeechVoice } from "@/lib/providers/wire/speech";
import { describeVoice, SPEECH_SPEED } from "@/lib/tasks/speech/voices";
import { useSubmitShortcutHint } from "@/hooks/use-shortcut-modifier";
import { lazyView } from "@/lib/client/lazy-view";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const SpeechResult = lazyView(() => import("@/components/tasks/speech").then((m) => m.speechView.Result));

/** The voices in groups the family describes: "American · female", "British · male". */
function groups(voices: readonly SpeechVoice[]): [string, SpeechVoice[]][] {
  const out = new Map<string, SpeechVoice[]>();
  for (const v of voices) {
    const key = `${v.accent} · ${v.gender}`;
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return [...out];
}


export function SpeechForm({ models, limits: limitsOf, unavailable, formStart, note, empty }: {
  models: ModelOption[];
  /** Each model's voices, speeds and length limit, by model id (read from the catalog on the server). */
  limits: Record<string, SpeechLimits>;
  unavailable?: string;
} & FormPageProps<"speech">) {
  const draft = useFormDraft("speech", formStart);
  const { values: v, set } = draft;
  const model = pickModel(models, v.model);
  const limits = limitsOf[model.id]!;
  const { text, speed } = v;
  const voice = v.voices[model.id] ?? limits.defaultVoice;
  const chosen = limits.voices.find((x) => x.id === voice);
  const voiceHint = chosen ? describeVoice(chosen) : voice;
  const minSpeed = Math.max(SPEECH_SPEED.min, limits.speed.min);
  const maxSpeed = Math.min(SPEECH_SPEED.max, limits.speed.max);
  const job = useJobFeed("speech");
  const { fieldErrors } = job;
  const clear = () => {
    draft.reset();
    job.setFieldErrors({});
  };
  const shortcut = useSubmitShortcutHint("to speak");

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const payload = { task: "speech" as const, model: model.id, text, voice, speed: Math.min(maxSpeed, Math.max(minSpeed, speed)) };
    const checked = await checkInput("speech", payload);
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    await job.start(payload);
  };

  const length = text.trim().length;
  const over = length > limits.maxChars;
  const counter = (
    <span className={cn("tabular-nums", over && "text-rose-400")} data-testid="speech-count">
      {length.toLocaleString("en")} / {limits.maxChars.toLocaleString("en")} characters{shortcut ? ` · ${shortcut}` : null}
    </span>
  );
  return (
    <GeneratorLayout
      label="Speech settings"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <Field label="Text" htmlFor="speech-text" error={fieldErrors.text} hint={counter}>
            <Textarea
              id="speech-text"
              name="text"
              rows={7}
              value={text}
              placeholder="Good morning! Here is today's weather: sunny spells, a light breeze, and a high of twenty-one degrees."
              onChange={(e) => set({ text: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
              }}
              invalid={Boolean(fieldErrors.text)}
              aria-describedby={fieldDescribedBy("speech-text", { hint: counter, error: fieldErrors.text })}
            />
          </Field>
          <ModelSelect id="model" models={models} value={model.id} onChange={(id) => set({ model: id })} error={fieldErrors.model} />
          <Field label="Voice" htmlFor="voice" error={fieldErrors.voice} hint={voiceHint}>
            <Select id="voice" value={voice} onChange={(e) => set({ voices: { ...v.voices, [model.id]: e.target.value } })} invalid={Boolean(fieldErrors.voice)}>
              {/* A remixed voice this model no longer lists stays visible, so the refusal names what was chosen. */}
              {limits.voices.some((v) => v.id === voice) ? null : <option value={voice}>{voice}</option>}
              {groups(limits.voices).map(([group, voices]) => (
                <optgroup key={group} label={group}>
                  {voices.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <div className="flex flex-col gap-1.5">
            <Slider id="speed" label="Speed" value={Math.min(maxSpeed, Math.max(minSpeed, speed))} min={minSpeed} max={maxSpeed} step={0.05} onChange={(speed) => set({ speed })} format={(v) => `${v.toFixed(2)}×`} />
            {fieldErrors.speed ? <p role="alert" className="text-xs text-rose-400">{fieldErrors.speed}</p> : null}
          </div>
          {unavailable ? <InfoAlert title="Not available on this machine" message={unavailable} /> : null}
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <Button type="submit" loading={job.submitting} disabled={job.submitting}>
            <SpeakerIcon size={16} /> Speak
          </Button>
        </>
      }
      results={
        <JobFeed
          feed={job}
          empty={empty}
        >
          {(done) => <SpeechResult job={done} variant="studio" />}
        </JobFeed>
      }
    />
  );
}
