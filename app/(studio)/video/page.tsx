import type { Metadata } from "next";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { VideoForm } from "@/components/video/video-form";
import { videoFormStart } from "@/components/video/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { VideoIcon } from "@/components/ui/icons";
import { pageHealth } from "@/lib/health";
import { modelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Video" };

export default async function VideoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, status] = await Promise.all([searchParams, pageHealth()]);
  const initial = await loadSeed(query, "video");
  const textModels = modelsFor("text-to-video");
  const imageModels = modelsFor("image-to-video");
  const feature = status.features.video;
  return (
    <>
      <PageHeader title="Video" description="Turn a prompt or a still into a short clip." />
      <VideoForm
        textModels={textModels}
        imageModels={imageModels}
        unavailable={feature.available ? undefined : feature.reason}
        formStart={videoFormStart(textModels, imageModels, initial)}
        note={<RemixNote seed={initial} />}
        empty={<FeedEmpty icon={<VideoIcon size={28} />} title="Your clip appears here" text="Describe a shot, or start from an image. Video jobs take a while; progress shows here." />}
        key={initial?.key}
      />
    </>
  );
}
