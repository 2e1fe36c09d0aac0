import type { Metadata } from "next";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { TranscribeForm } from "@/components/transcribe/transcribe-form";
import { transcribeFormStart } from "@/components/transcribe/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { MicIcon } from "@/components/ui/icons";
import { pageHealth } from "@/lib/health";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Transcribe" };

export default async function TranscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, status] = await Promise.all([searchParams, pageHealth()]);
  const feature = status.features.transcribe;
  const initial = await loadSeed(query, "transcribe");
  const models = modelsFor("speech-to-text");
  return (
    <>
      <PageHeader title="Transcribe" description="Upload or record audio and get the text with timestamps." />
      <TranscribeForm
        models={models}
        unavailable={feature.available ? undefined : feature.reason}
        formStart={transcribeFormStart(models, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<MicIcon size={28} />} title="Your transcript appears here" text="Upload a recording or record one, and get the text with timestamps, ready as .txt or .srt." />}
        key={initial?.key}
      />
    </>
  );
}
