import type { Metadata } from "next";
import { ControlForm } from "@/components/control/control-form";
import { RemixNote } from "@/components/job/remix-note";
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
      <ControlForm models={models} initial={initial} note={<RemixNote seed={initial}>{initial?.media.map ? "The control map is attached." : null}</RemixNote>} key={initial?.key} />
    </>
  );
}
