import type { Metadata } from "next";
import { BackgroundForm } from "@/components/background/background-form";
import { backgroundFormStart } from "@/components/background/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { ScissorsIcon } from "@/components/ui/icons";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Background" };

export default async function BackgroundPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "background");
  const removeModels = modelsFor("remove-background");
  const replaceModels = modelsFor("replace-background");
  return (
    <>
      <PageHeader title="Background" description="Cut the subject out onto transparency, or put it in front of a new background you describe." />
      <BackgroundForm
        removeModels={removeModels}
        replaceModels={replaceModels}
        formStart={backgroundFormStart(removeModels, replaceModels, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<ScissorsIcon size={28} />} title="Your cut-out appears here" text="Upload a picture with a clear subject, then remove its background or describe a new one." />}
        key={initial?.key}
      />
    </>
  );
}
