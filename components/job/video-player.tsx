import { downloadName } from "@/components/job/media-results";
import { DownloadIcon, ExternalLinkIcon } from "@/components/ui/icons";
import type { MediaOutput } from "@/lib/jobs/schema";
import { formatClock } from "./format";

const linkClass =
  "inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-zinc-200 hover:bg-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70";

/** A clip with its poster frame, size and length, and a download under a meaningful name. */
export function VideoPlayer({ output, prompt, autoPlay = false }: { output: MediaOutput; prompt?: string; autoPlay?: boolean }) {
  const name = downloadName("video", prompt, 0, output.contentType);
  const facts = [
    output.width && output.height ? `${output.width}×${output.height}` : null,
    formatClock(output.durationSec),
    output.bytes ? (output.bytes < 1024 * 1024 ? `${Math.max(1, Math.round(output.bytes / 1024))} KB` : `${(output.bytes / 1024 / 1024).toFixed(1)} MB`) : null,
  ].filter(Boolean);
  return (
    <figure className="overflow-hidden rounded-xl border border-zinc-800 bg-black">
      <video
        src={output.url}
        poster={output.posterUrl}
        controls
        playsInline
        loop
        muted={autoPlay}
        autoPlay={autoPlay}
        preload="metadata"
        className="block max-h-[70vh] w-full"
        data-testid="result-video"
        aria-label={prompt ? `Video: ${prompt}` : "Video"}
        style={output.width && output.height ? { aspectRatio: `${output.width} / ${output.height}` } : undefined}
      />
      <figcaption className="flex items-center justify-between gap-2 border-t border-zinc-800 bg-zinc-900/80 px-2 py-1.5 text-xs text-zinc-400">
        <span className="tabular-nums">MP4{facts.length ? ` · ${facts.join(" · ")}` : ""}</span>
        <span className="flex gap-1">
          <a href={output.url} download={name} className={linkClass} aria-label={`Download ${name}`}>
            <DownloadIcon size={14} /> Download
          </a>
          <a href={output.url} target="_blank" rel="noreferrer" className={linkClass} aria-label="Open the video in a new tab">
            <ExternalLinkIcon size={14} />
          </a>
        </span>
      </figcaption>
    </figure>
  );
}
