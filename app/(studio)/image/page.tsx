import type { Metadata } from "next";
import { ImageForm } from "@/components/image/image-form";
import { imageFormStart } from "@/components/image/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { ImageIcon } from "@/components/ui/icons";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Image" };

export default async function ImagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "image");
  const textModels = modelsFor("text-to-image");
  const imageModels = modelsFor("image-to-image");
  return (
    <>
      <PageHeader title="Image" description="Generate images from a prompt, or transform an image you upload." />
      <ImageForm
        textModels={textModels}
        imageModels={imageModels}
        formStart={imageFormStart(textModels, imageModels, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<ImageIcon size={28} />} title="Your images appear here" text="Describe a picture and press Generate. Results stay downloadable." />}
        key={initial?.key}
      />
    </>
  );
}
