import type { ComponentType } from "react";
import { downloadName, MediaActions } from "@/components/job/media-results";
import type { MediaOutput } from "@/lib/jobs/schema";

/** One picture of a comparison: where it is and what a screen reader calls it. */
export type ComparePicture = { url: string; alt: string; width?: number; height?: number };
/** Shows the original and a result together; a before/after slider can take this place. */
export type CompareProps = { before: ComparePicture; after: ComparePicture };

/** The original and the result next to each other, both on the checkerboard so transparency shows. */
export function SideBySide({ before, after }: CompareProps) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {[
        { picture: before, caption: "Original", testId: undefined },
        { picture: after, caption: "Result", testId: "result-image" },
      ].map(({ picture, caption, testId }) => (
        <figure key={caption} className="flex flex-col gap-2">
          <figcaption className="text-xs font-medium text-zinc-400">{caption}</figcaption>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={picture.url}
            alt={picture.alt}
            width={picture.width}
            height={picture.height}
            className="block h-auto w-full rounded-xl border border-zinc-800 checkerboard"
            data-testid={testId}
          />
        </figure>
      ))}
    </div>
  );
}

/**
 * Each result beside the original it came from, with its download named after the prompt (or
 * "cutout") and the seed.
 */
export function BackgroundResult({ originalUrl, outputs, prompt, seed, Compare = SideBySide }: {
  originalUrl: string;
  outputs: MediaOutput[];
  prompt?: string;
  seed: number | null;
  Compare?: ComponentType<CompareProps>;
}) {
  return (
    <ul data-testid="background-result" className="flex flex-col gap-5">
      {outputs.map((output, i) => (
        <li key={output.url} className="flex flex-col gap-2">
          <Compare
            before={{ url: originalUrl, alt: "Original image" }}
            after={{ url: output.url, alt: prompt ? `Result ${i + 1}: ${prompt}` : `Result ${i + 1}: the cut-out`, width: output.width, height: output.height }}
          />
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs text-zinc-500">{output.width && output.height ? `${output.width}×${output.height}` : null}</span>
            <MediaActions output={output} name={downloadName("cutout", prompt, i, output.contentType, seed)} />
          </div>
        </li>
      ))}
    </ul>
  );
}
