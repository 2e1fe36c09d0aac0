"use client";

import { GeneratorLayout } from "@/components/forms/generator-layout";
import { StopOrSubmit } from "@/components/forms/stop-or-submit";
import { initialTextModel, TextModelSelect } from "@/components/forms/text-model-select";
import type { FormPageProps } from "@/components/forms/form-page-props";
import { ErrorAlert } from "@/components/ui/alert";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { SparklesIcon } from "@/components/ui/icons";
import { Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useFormDraft } from "@/hooks/use-form-draft";
import { useEarlierAnswers } from "@/hooks/use-earlier-answers";
import { usePromptDrafts } from "@/hooks/use-prompt-drafts";
import { checkInput } from "@/lib/client/validate";
import { partialDraft } from "@/lib/prompts/partial";
import type { TextModelOption } from "@/lib/providers/text-model";
import { JobFeed } from "@/components/job/job-feed";
import { lazyView } from "@/lib/client/lazy-view";
import { LazyResultActions } from "@/components/job/lazy-result-actions";

// Results load with the first job that has them (the feed only has jobs in the browser), not with
// the page; each in its own Suspense boundary (lazyView), so the form keeps its state meanwhile.
const PromptCard = lazyView(() => import("./prompt-card").then((m) => m.PromptCard));
const PromptsResult = lazyView(() => import("@/components/tasks/prompts").then((m) => m.promptsView.Result));

export function PromptsForm({ models, defaultModel, formStart, note, empty }: { models: TextModelOption[]; defaultModel: string } & FormPageProps<"prompts">) {
  const draft = useFormDraft("prompts", formStart);
  const { values: v, set } = draft;
  const { idea, target, count, style } = v;
  const model = initialTextModel(models, defaultModel, v.model);
  const drafts = usePromptDrafts();
  // Earlier drafts come back from their job records: after a reload, the last ones show again.
  const current = drafts.meta?.id;
  const earlier = useEarlierAnswers("prompts", current);
  const streaming = drafts.state === "streaming";
  const writing = streaming ? partialDraft(drafts.text) : undefined;
  const clear = () => {
    draft.reset();
    drafts.setFieldErrors({});
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // Ctrl + Enter in the idea box while drafts stream must not start a second job.
    if (streaming) return;
    const checked = await checkInput("prompts", { idea, target, count: Number(count), style: style.trim() || undefined, model });
    if (!checked.ok) return drafts.setFieldErrors(checked.errors);
    await drafts.draft(checked.data);
  };

  return (
    <GeneratorLayout
      label="Prompt drafting"
      onSubmit={submit}
      onClear={clear}
      form={
        <>
          {note}
          <Field label="Idea" htmlFor="idea" error={drafts.fieldErrors.idea} hint="A few words is enough">
            <Textarea
              id="idea"
              rows={3}
              value={idea}
              placeholder="a fox librarian in a snowy mountain town"
              onChange={(e) => set({ idea: e.target.value })}
              onKeyDown={(e) => { if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit(); }}
              invalid={Boolean(drafts.fieldErrors.idea)}
              aria-describedby={fieldDescribedBy("idea", { hint: true, error: drafts.fieldErrors.idea })}
            />
          </Field>
          <ToggleGroup<"image" | "video"> label="For" value={target} onChange={(t) => set({ target: t })} options={[{ value: "image", label: "Images" }, { value: "video", label: "Video" }]} />
          <ToggleGroup label="How many" value={count} onChange={(c) => set({ count: c })} options={["1", "2", "3", "4", "5", "6"].map((v) => ({ value: v, label: v }))} />
          <Field label="Style (optional)" htmlFor="style" error={drafts.fieldErrors.style}>
            <Input id="style" value={style} placeholder="e.g. Studio Ghibli palette, 1970s film" onChange={(e) => set({ style: e.target.value })} />
          </Field>
          <TextModelSelect id="prompts-model" models={models} value={model} onChange={(id) => set({ model: id })} error={drafts.fieldErrors.model} localNote="drafts from the idea with stock looks, no language model" />
          {drafts.error ? <ErrorAlert message={drafts.error} /> : null}
          <StopOrSubmit streaming={streaming} onStop={drafts.stop}><SparklesIcon size={16} /> Draft prompts</StopOrSubmit>
        </>
      }
      results={
        <div className="flex flex-col gap-6">
          {drafts.state !== "idle" ? (
            <div className="flex flex-col gap-3" aria-label="Current drafts" role="region" aria-live="polite" aria-busy={streaming}>
              <div className="flex items-center gap-2 text-xs text-zinc-500">
                {streaming ? <Spinner label="Writing…" /> : null}
                {drafts.meta ? <span>{drafts.meta.engine === "local" ? "Local engine" : drafts.meta.engine} · <span className="font-mono">{drafts.meta.model}</span></span> : null}
                {drafts.state === "stopped" ? <span>Stopped</span> : null}
              </div>
              {drafts.prompts.map((p, i) => <PromptCard key={i} draft={p} index={i} />)}
              {writing && drafts.prompts.length < Number(count) ? (
                <PromptCard draft={{ title: writing.title, prompt: writing.prompt }} index={drafts.prompts.length} writing />
              ) : null}
              {drafts.state === "done" && drafts.meta ? <LazyResultActions job={{ id: drafts.meta.id, shareId: null }} key={drafts.meta.id} /> : null}
            </div>
          ) : earlier.items.length === 0 ? (
            empty
          ) : null}
          <JobFeed feed={earlier}>
            {(done) => <PromptsResult job={done} variant="studio" />}
          </JobFeed>
        </div>
      }
    />
  );
}
