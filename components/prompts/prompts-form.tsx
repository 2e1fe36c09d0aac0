"use client";

import { useState } from "react";
import { GeneratorLayout } from "@/components/forms/generator-layout";
import { initialTextModel, TextModelSelect } from "@/components/forms/text-model-select";
import { RemixNote } from "@/components/job/remix-note";
import type { Seed } from "@/components/job/remix-types";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { SparklesIcon } from "@/components/ui/icons";
import { Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { usePromptDrafts } from "@/hooks/use-prompt-drafts";
import { check } from "@/lib/client/validate";
import { promptDraftRequestSchema, type PromptDraftRequest } from "@/lib/jobs/schema";
import { partialDraft } from "@/lib/prompts/parse";
import type { TextModelOption } from "@/lib/providers/text-model";
import { PromptCard } from "./prompt-card";
import { ResultActions } from "@/components/job/result-actions";

export function PromptsForm({ models, defaultModel, initial }: { models: TextModelOption[]; defaultModel: string; initial?: Seed<PromptDraftRequest> }) {
  const from = initial?.input;
  const [idea, setIdea] = useState(from?.idea ?? "");
  const [target, setTarget] = useState<"image" | "video">(from?.target ?? "image");
  const [count, setCount] = useState(String(from?.count ?? 3));
  const [style, setStyle] = useState(from?.style ?? "");
  const [model, setModel] = useState(() => initialTextModel(models, defaultModel, from?.model));
  const drafts = usePromptDrafts();
  const streaming = drafts.state === "streaming";
  const writing = streaming ? partialDraft(drafts.text) : undefined;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = check(promptDraftRequestSchema, { idea, target, count: Number(count), style: style.trim() || undefined, model });
    if (!checked.ok) return drafts.setFieldErrors(checked.errors);
    await drafts.draft(checked.data);
  };

  return (
    <GeneratorLayout
      label="Prompt drafting"
      onSubmit={submit}
      form={
        <>
          {initial?.jobId ? <RemixNote jobId={initial.jobId} /> : null}
          <Field label="Idea" htmlFor="idea" error={drafts.fieldErrors.idea} hint="A few words is enough">
            <Textarea
              id="idea"
              rows={3}
              value={idea}
              placeholder="a fox librarian in a snowy mountain town"
              onChange={(e) => setIdea(e.target.value)}
              onKeyDown={(e) => { if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit(); }}
              invalid={Boolean(drafts.fieldErrors.idea)}
              aria-describedby={fieldDescribedBy("idea", { hint: true, error: drafts.fieldErrors.idea })}
            />
          </Field>
          <ToggleGroup<"image" | "video"> label="For" value={target} onChange={setTarget} options={[{ value: "image", label: "Images" }, { value: "video", label: "Video" }]} />
          <ToggleGroup label="How many" value={count} onChange={setCount} options={["1", "2", "3", "4", "5", "6"].map((v) => ({ value: v, label: v }))} />
          <Field label="Style (optional)" htmlFor="style" error={drafts.fieldErrors.style}>
            <Input id="style" value={style} placeholder="e.g. Studio Ghibli palette, 1970s film" onChange={(e) => setStyle(e.target.value)} />
          </Field>
          <TextModelSelect id="prompts-model" models={models} value={model} onChange={setModel} error={drafts.fieldErrors.model} localNote="drafts from the idea with stock looks, no language model" />
          {drafts.error ? <ErrorAlert message={drafts.error} /> : null}
          {streaming ? (
            <Button key="stop" type="button" variant="secondary" onClick={drafts.stop}>Stop</Button>
          ) : (
            <Button key="draft" type="submit"><SparklesIcon size={16} /> Draft prompts</Button>
          )}
        </>
      }
      results={
        drafts.state === "idle" ? (
          <EmptyState icon={<SparklesIcon size={28} />} title="Drafts appear here as they are written" text="Each draft can go straight to the Image or Video page." className="min-h-80" />
        ) : (
          <div className="flex flex-col gap-3" aria-live="polite" aria-busy={streaming}>
            <div className="flex items-center gap-2 text-xs text-zinc-500">
              {streaming ? <Spinner label="Writing…" /> : null}
              {drafts.meta ? <span>{drafts.meta.engine === "local" ? "Local engine" : drafts.meta.engine} · <span className="font-mono">{drafts.meta.model}</span></span> : null}
              {drafts.state === "stopped" ? <span>Stopped</span> : null}
            </div>
            {drafts.prompts.map((p, i) => <PromptCard key={i} draft={p} index={i} />)}
            {writing && drafts.prompts.length < Number(count) ? (
              <PromptCard draft={{ title: writing.title, prompt: writing.prompt }} index={drafts.prompts.length} writing />
            ) : null}
            {drafts.state === "done" && drafts.meta ? <ResultActions job={{ id: drafts.meta.id, shareId: null }} key={drafts.meta.id} /> : null}
          </div>
        )
      }
    />
  );
}
