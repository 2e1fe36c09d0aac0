import { ImageGrid } from "@/components/job/media-results";
import type { MediaOutput } from "@/lib/jobs/schema";

/** The original beside the inpainted result. */
export function InpaintCompare({ originalUrl, outputs, prompt, seed }: { originalUrl: string; outputs: MediaOutput[]; prompt?: string; seed?: number | null }) {
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="inpaint-compare">
      <figure className="flex flex-col gap-2">
        <figcaption className="text-xs font-medium text-zinc-400">Original</figcaption>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={originalUrl} alt="Original image" className="w-full rounded-xl border border-zinc-800 checkerboard" />
      </figure>
      <figure className="flex flex-col gap-2">
        <figcaption className="text-xs font-medium text-zinc-400">Result</figcaption>
        <ImageGrid outputs={outputs} prompt={prompt} seed={seed} />
      </figure>
    </div>
  );
}
