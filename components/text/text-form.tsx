"use client";

import { useCallback, useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { StopOrSubmit } from "@/components/forms/stop-or-submit";
import { submitOnCtrlEnter } from "@/components/forms/prompt-fields";
import { initialTextModel, TextModelSelect } from "@/components/forms/text-model-select";
import type { FormPageProps } from "@/components/forms/form-page-props";
import { engineLabel } from "@/components/job/engine-label";
import { JobFeed } from "@/components/job/job-feed";
import { ErrorAlert } from "@/components/ui/alert";
import { AppLink } from "@/components/ui/app-link";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { ExternalLinkIcon, TextIcon } from "@/components/ui/icons";
import { Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useFormDraft } from "@/hooks/use-form-draft";
import { useEarlierAnswers } from "@/hooks/use-earlier-answers";
import { useSubmitShortcutHint } from "@/hooks/use-shortcut-modifier";
import { useStreamJob } from "@/hooks/use-stream-job";
import { checkInput } from "@/lib/client/validate";
import type { JobRecord } from "@/lib/jobs/schema";
import { isOpenAiReasoningModel, parseTextModel, type TextModelOption } from "@/lib/providers/text-model";
import type { TextInput } from "@/lib/tasks/text/definition";
import { lazyView } from "@/lib/client/lazy-view";
import { LazyResultActions } from "@/components/job/lazy-result-actions";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const TextResult = lazyView(() => import("@/components/tasks/text").then((m) => m.textView.Result));
const TextAnswer = lazyView(() => import("./text-answer").then((m) => m.TextAnswer));

const textEvents = () => import("@/lib/tasks/text/events").then((m) => m.textEventSchema);
const MESSAGES = { failure: "The model failed to answer.", incomplete: "The connection closed before the answer was complete." };

/** An optional number field: empty means the model's default; anything else is checked by the schema. */
const numberOrUndefined = (v: string) => (v.trim() === "" ? undefined : Number(v.replace(",", ".")));

export function TextForm({ models, defaultModel, formStart, note, empty }: { models: TextModelOption[]; defaultModel: string } & FormPageProps<"text">) {
  const draft = useFormDraft("text", formStart);
  const { values: v, set } = draft;
  const { prompt, system, temperature, maxTokens, reasoning } = v;
  const model = initialTextModel(models, defaultModel, v.model);
  const job = useStreamJob("/api/text", textEvents, MESSAGES);
  // Earlier answers come back from their job records: after a reload, the last one shows again.
  const current = job.meta?.id;
  const earlier = useEarlierAnswers("text", current);
  const [answer, setAnswer] = useState<{ text: string; reasoning: string; usage: JobRecord["usage"]; truncated: boolean }>({ text: "", reasoning: "", usage: null, truncated: false });
  const streaming = job.state === "streaming";
  const errors = job.fieldErrors;
  const { start } = job;
  const shortcut = useSubmitShortcutHint("sends");

  const send = useCallback(async (input: TextInput) => {
    setAnswer({ text: "", reasoning: "", usage: null, truncated: false });
    await start(input, (e) => {
      if (e.type === "text") setAnswer((a) => ({ ...a, text: a.text + e.text }));
      if (e.type === "reasoning") setAnswer((a) => ({ ...a, reasoning: a.reasoning + e.text }));
      if (e.type === "done") setAnswer((a) => ({ ...a, usage: e.usage, truncated: e.truncated }));
    });
  }, [start]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (streaming) return;
    const checked = await checkInput("text", {
      task: "text",
      model,
      prompt,
      system: system.trim() || undefined,
      temperature: numberOrUndefined(temperature),
      maxTokens: numberOrUndefined(maxTokens),
      reasoning,
    });
    if (!checked.ok) return job.setFieldErrors(checked.errors);
    await send(checked.data);
  };
  const clear = () => {
    draft.reset();
    job.setFieldErrors({});
  };

  const chosen = parseTextModel(model);
  const reasoningHint =
    chosen.vendor === "openai"
      ? isOpenAiReasoningModel(chosen.model)
        ? "OpenAI's reasoning models think harder; OpenAI keeps their reasoning itself hidden"
        : `${chosen.model} is not a reasoning model; pick an o-series or GPT-5 model`
      : "Shown folded above the answer, when the model shares it";

  return (
    <GeneratorLayout
      label="Text"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <Field label="Prompt" htmlFor="text-prompt" error={errors.prompt} hint={shortcut}>
            <Textarea
              id="text-prompt"
              rows={6}
              maxHeight={420}
              value={prompt}
              placeholder="Ask anything, or paste a text after “Summarise:”"
              onChange={(e) => set({ prompt: e.target.value })}
              onKeyDown={submitOnCtrlEnter}
              invalid={Boolean(errors.prompt)}
              aria-describedby={fieldDescribedBy("text-prompt", { hint: shortcut, error: errors.prompt })}
            />
          </Field>
          <details className="group rounded-lg border border-zinc-800 px-3 py-2" open={Boolean(formStart.initial?.system) || Boolean(errors.system)}>
            <summary className="cursor-pointer text-xs font-medium text-zinc-400 select-none hover:text-zinc-200">System prompt (optional)</summary>
            <div className="mt-2">
              <Field label="System prompt" htmlFor="text-system" error={errors.system} hint="How the model should behave: a role, a tone, a format">
                <Textarea
                  id="text-system"
                  rows={3}
                  value={system}
                  placeholder="You are a concise technical editor."
                  onChange={(e) => set({ system: e.target.value })}
                  invalid={Boolean(errors.system)}
                  aria-describedby={fieldDescribedBy("text-system", { hint: true, error: errors.system })}
                />
              </Field>
            </div>
          </details>
          <TextModelSelect id="text-model" models={models} value={model} onChange={(id) => set({ model: id })} error={errors.model} localNote="no language model; it answers only what it can compute" />
          <div className="grid grid-cols-2 gap-3">
            <NumberField id="text-temperature" label="Temperature" hint="0–2; empty: the model's default" placeholder="Default" inputMode="decimal" value={temperature} onChange={(t) => set({ temperature: t })} error={errors.temperature} />
            <NumberField id="text-max-tokens" label="Max tokens" hint="Empty: no limit set" placeholder="No limit" inputMode="numeric" value={maxTokens} onChange={(n) => set({ maxTokens: n })} error={errors.maxTokens} />
          </div>
          <label className="flex cursor-pointer items-start gap-2.5 rounded-lg border border-zinc-800 px-3 py-2.5 text-sm text-zinc-200 has-[:checked]:border-violet-500/60 has-[:checked]:bg-violet-500/10 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-violet-500/70">
            <input type="checkbox" className="mt-0.5 size-4 accent-violet-500" checked={reasoning} onChange={(e) => set({ reasoning: e.target.checked })} aria-describedby="text-reasoning-hint" />
            <span className="flex flex-col gap-0.5">
              <span>Reasoning</span>
              <span id="text-reasoning-hint" className="text-xs text-zinc-500">{reasoningHint}</span>
            </span>
          </label>
          {job.error ? <ErrorAlert message={job.error} /> : null}
          <StopOrSubmit streaming={streaming} onStop={job.stop}><TextIcon size={16} /> Send</StopOrSubmit>
        </>
      }
      results={
        <div className="flex flex-col gap-6">
          {job.state !== "idle" ? (
            <div className="flex flex-col gap-3" aria-label="Current answer" role="region" aria-live="polite" aria-busy={streaming}>
              <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500" data-testid="text-meta">
                {streaming ? <Spinner label="Writing…" /> : null}
                {job.meta ? <span>{engineLabel(job.meta.engine as JobRecord["engine"])} · <span className="font-mono">{job.meta.model}</span></span> : null}
                {job.state === "stopped" ? <span data-testid="text-stopped">Stopped; what was written is kept</span> : null}
              </div>
              {job.meta || answer.text || answer.reasoning ? (
                <TextAnswer text={answer.text} reasoning={answer.reasoning || null} usage={answer.usage} streaming={streaming} truncated={answer.truncated} />
              ) : null}
              {job.state === "done" && job.meta ? <LazyResultActions job={{ id: job.meta.id, shareId: null }} key={job.meta.id} /> : null}
              {job.state === "stopped" && job.meta ? (
                <AppLink href={`/jobs/${job.meta.id}`} className="inline-flex h-8 w-fit items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100">
                  <ExternalLinkIcon size={14} /> Open job
                </AppLink>
              ) : null}
            </div>
          ) : earlier.items.length === 0 ? (
            empty
          ) : null}
          <JobFeed feed={earlier}>
            {(done) => <TextResult job={done} variant="studio" />}
          </JobFeed>
        </div>
      }
    />
  );
}

/** An optional number, typed: empty leaves it to the model; the schema checks the rest. */
function NumberField({ id, label, hint, placeholder, inputMode, value, onChange, error }: {
  id: string;
  label: string;
  hint: string;
  placeholder: string;
  inputMode: "decimal" | "numeric";
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Input
        id={id}
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        invalid={Boolean(error)}
        aria-describedby={fieldDescribedBy(id, { hint: true, error })}
        className="font-mono"
      />
    </Field>
  );
}
