import type { Metadata } from "next";
import { ControlForm } from "@/components/control/control-form";
import { controlFormStart } from "@/components/control/form-start";
import { RemixNote } from "@/components/job/remix-note";
import { FeedEmpty } from "@/components/job/feed-empty";
import { PoseIcon } from "@/components/ui/icons";
import { loadSeed } from "@/components/job/remix";
import { PageHeader } from "@/components/shell/page-header";
import { controlModelsFor } from "@/lib/providers/models";

export const metadata: Metadata = { title: "Control" };

export default async function ControlPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initial = await loadSeed(await searchParams, "control");
  const models = { pose: controlModelsFor("pose"), depth: controlModelsFor("depth"), edges: controlModelsFor("edges") };
  return (
    <>
      <PageHeader title="Control" description="A picture that keeps the shapes of a control map: a pose you draw, a depth map, or the edges of a photo." />
      <ControlForm
        models={models}
        formStart={controlFormStart(models, initial)}
        note={<RemixNote seed={initial}>{initial?.media.map ? "The control map is attached." : null}</RemixNote>}
        empty={<FeedEmpty icon={<PoseIcon size={28} />} title="Your picture appears here" text="Give it a control map — a pose, a depth map or edges — and describe the scene. The picture keeps the map's shapes." />}
        key={initial?.key}
      />
    </>
  );
}
