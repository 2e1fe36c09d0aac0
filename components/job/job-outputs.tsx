import { ImageGrid } from "@/components/job/media-results";
import { PromptCard } from "@/components/prompts/prompt-card";
import type { JobRecord } from "@/lib/jobs/schema";
import { promptOf, typedInput } from "./format";
import { PromptList } from "./prompt-list";
import { TranscriptView } from "@/components/transcribe/transcript-view";
import { InpaintCompare } from "@/components/inpaint/inpaint-compare";
import { VideoPlayer } from "./video-player";

/** Says so when an output could not be copied into the studio's store and still points at the provider. */
export function CopyWarnings({ job }: { job: JobRecord }) {
  const linked = job.outputs.filter((o) => o.copyError);
  if (linked.length === 0) return null;
  return (
    <div role="note" data-testid="copy-warning" className="rounded-xl border border-amber-400/25 bg-amber-400/[0.07] px-4 py-2.5 text-sm text-amber-100/90">
      <strong className="font-semibold text-amber-200">Linked from the provider:</strong>{" "}
      {linked.length === job.outputs.length ? (job.outputs.length === 1 ? "this file was" : "these files were") : `${linked.length} of ${job.outputs.length} files were`} not copied into
      this studio&apos;s storage, so the link{linked.length === 1 ? "" : "s"} may expire. Download what you want to keep.
      <span className="mt-1 block text-xs text-amber-200/70">{linked[0]!.copyError}</span>
    </div>
  );
}

/**
 * What a finished job made. `studio` is the job page (prompt cards that send to the generators,
 * the original beside an inpaint, the audio beside a transcript); `public` is the share page,
 * which shows only the results.
 */
export function JobOutputs({ job, variant }: { job: JobRecord; variant: "studio" | "public" }) {
  const prompt = promptOf(job);
  const typed = typedInput(job);
  switch (job.task) {
    case "image":
      return <ImageGrid outputs={job.outputs} prompt={prompt} />;
    case "inpaint":
      if (variant === "public" || typed.task !== "inpaint") return <ImageGrid outputs={job.outputs} prompt={prompt} />;
      return <InpaintCompare originalUrl={typed.input.image} outputs={job.outputs} prompt={prompt} />;
    case "video": {
      const output = job.outputs[0];
      return output ? <VideoPlayer output={output} prompt={prompt} /> : null;
    }
    case "transcribe":
      return (
        <TranscriptView
          text={job.text}
          segments={job.segments ?? []}
          audioUrl={variant === "studio" && typed.task === "transcribe" ? typed.input.audio : undefined}
          fileBase={`transcript-${job.createdAt.slice(0, 10)}`}
        />
      );
    case "prompts": {
      const prompts = job.prompts ?? [];
      if (variant === "public") return <PromptList prompts={prompts} />;
      return (
        <div className="flex flex-col gap-3">
          {prompts.map((draft, i) => (
            <PromptCard key={i} draft={draft} index={i} />
          ))}
        </div>
      );
    }
  }
}
