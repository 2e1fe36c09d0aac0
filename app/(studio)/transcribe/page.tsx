import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { TranscribeForm } from "@/components/transcribe/transcribe-form";
import { health } from "@/lib/health";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Transcribe" };

export default async function TranscribePage() {
  const feature = (await health()).features.transcribe;
  return (
    <>
      <PageHeader title="Transcribe" description="Upload or record audio and get the text with timestamps." />
      <TranscribeForm models={modelsFor("speech-to-text")} unavailable={feature.available ? undefined : feature.reason} />
    </>
  );
}
