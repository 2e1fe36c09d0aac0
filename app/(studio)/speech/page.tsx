import type { Metadata } from "next";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { SpeechForm } from "@/components/speech/speech-form";
import { speechFormStart } from "@/components/speech/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { SpeakerIcon } from "@/components/ui/icons";
import { pageHealth } from "@/lib/health";
import { modelsFor } from "@/lib/providers/models";
import { speechLimitsOf } from "@/lib/tasks/speech/definition";

export const metadata: Metadata = { title: "Speech" };

export default async function SpeechPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, status] = await Promise.all([searchParams, pageHealth()]);
  const feature = status.features.speech;
  const initial = await loadSeed(query, "speech");
  const models = modelsFor("text-to-speech");
  // Read here, not in the form: the catalog would bring zod and every endpoint's schema to the page.
  const limits = Object.fromEntries(models.map((m) => [m.id, speechLimitsOf(m.id)]));
  return (
    <>
      <PageHeader title="Speech" description="Type some text, choose a voice, and hear it read aloud." />
      <SpeechForm
        models={models}
        limits={limits}
        unavailable={feature.available ? undefined : feature.reason}
        formStart={speechFormStart(models, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<SpeakerIcon size={28} />} title="Your speech appears here" text="Type or paste some text, choose a voice and a speed, and get an MP3 you can play, download or transcribe." />}
        key={initial?.key}
      />
    </>
  );
}
