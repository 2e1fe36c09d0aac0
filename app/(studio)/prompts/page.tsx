import type { Metadata } from "next";
import { loadSeed } from "@/components/job/remix";
import { PromptsForm } from "@/components/prompts/prompts-form";
import { promptsFormStart } from "@/components/prompts/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { SparklesIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/shell/page-header";
import { env } from "@/lib/env";
import { defaultTextModel, textModels } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "prompts");
  const defaultModel = defaultTextModel(env().PROMPT_PROVIDER);
  return (
    <>
      <PageHeader title="Prompt drafting" description="Give a short idea; get several strong prompts, written as you watch." />
      <PromptsForm
        models={textModels()}
        defaultModel={defaultModel}
        formStart={promptsFormStart(defaultModel, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<SparklesIcon size={28} />} title="Drafts appear here as they are written" text="Each draft can go straight to the Image or Video page." />}
        key={initial?.key}
      />
    </>
  );
}
