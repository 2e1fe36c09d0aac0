import type { Metadata } from "next";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { TextForm } from "@/components/text/text-form";
import { textFormStart } from "@/components/text/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { TextIcon } from "@/components/ui/icons";
import { defaultTextModel, textModels } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Text" };

export default async function TextPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "text");
  const defaultModel = defaultTextModel("openai");
  return (
    <>
      <PageHeader title="Text" description="Ask an OpenAI or OpenRouter model anything; the answer is written as you watch, in Markdown." />
      <TextForm
        models={textModels()}
        defaultModel={defaultModel}
        formStart={textFormStart(defaultModel, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<TextIcon size={28} />} title="The answer appears here as it is written" text="Markdown is rendered as it streams; the reasoning, when asked for, folds above it." />}
        key={initial?.key}
      />
    </>
  );
}
