import type { Metadata } from "next";
import { InpaintForm } from "@/components/inpaint/inpaint-form";
import { inpaintFormStart } from "@/components/inpaint/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { BrushIcon } from "@/components/ui/icons";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Inpaint" };

export default async function InpaintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "inpaint");
  const models = modelsFor("inpaint");
  return (
    <>
      <PageHeader title="Inpaint" description="Upload an image, paint over what should change, and describe the change." />
      <InpaintForm
        models={models}
        formStart={inpaintFormStart(models, initial)}
        note={<RemixNote seed={initial}>{initial?.media.image ? "The image is attached; paint the mask again — masks are not carried over." : null}</RemixNote>}
        empty={<FeedEmpty icon={<BrushIcon size={28} />} title="Upload an image to start" text="Then paint over what should change and describe it. Everything you don't paint stays exactly as it is." />}
        key={initial?.key}
      />
    </>
  );
}
