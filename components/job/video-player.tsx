import type { MediaOutput } from "@/lib/jobs/schema";
import { isMediaUrl } from "@/lib/tasks/is-media-url";
import { formatClock } from "./format";
import { downloadName, MediaActions } from "./media-results";
import { SendTo } from "./send-to";

/**
 * A clip with its poster frame, size and length, and a download under a meaningful name. In the
 * studio its poster (the still the store took from it) can be sent on as a picture.
 */
export function VideoPlayer({ output, prompt, seed, autoPlay = false, studio = false }: {
  output: MediaOutput;
  prompt?: string;
  seed?: number | null;
  autoPlay?: boolean;
  studio?: boolean;
}) {
  const poster = studio && output.posterUrl && isMediaUrl(output.posterUrl) ? output.posterUrl : undefined;
  const name = downloadName("video", prompt, 0, output.contentType, seed);
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
      <figcaption className="flex items-center justify-between gap-2 border-t border-zinc-800 bg-zinc-900 px-2 py-1.5 text-xs text-zinc-400">
        <span className="tabular-nums">MP4{facts.length ? ` · ${facts.join(" · ")}` : ""}</span>
        <span className="flex items-center gap-2">
          {poster ? <SendTo kind="image" value={poster} label="Send frame to…" /> : null}
          <MediaActions output={output} name={name} />
        </span>
      </figcaption>
    </figure>
  );
}
