import { DownloadIcon, ExternalLinkIcon } from "@/components/ui/icons";
import type { MediaOutput } from "@/lib/jobs/schema";
import { cn } from "@/lib/cn";

const EXT: Record<string, string> = {
  "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "video/mp4": "mp4",
  "audio/wav": "wav", "audio/x-wav": "wav", "audio/mpeg": "mp3", "audio/ogg": "ogg", "text/markdown": "md",
};

/** A meaningful file name: a slug of the prompt, the seed that made it, and which one of the set. */
export function downloadName(kind: string, prompt: string | undefined, index: number, contentType: string, seed?: number | null) {
  const slug = (prompt ?? kind).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40).replace(/-$/, "") || kind;
  return `${slug}${seed != null ? `-seed${seed}` : ""}-${index + 1}.${EXT[contentType.split(";")[0]!] ?? "bin"}`;
}

const linkClass =
  "inline-flex items-center gap-1.5 rounded-md bg-zinc-950/80 px-2 py-1 text-xs font-medium text-zinc-200 backdrop-blur hover:bg-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70";

/** Download under a meaningful name, and open in a new tab. */
export function MediaActions({ output, name }: { output: MediaOutput; name: string }) {
  return (
    <div className="flex gap-1.5">
      <a href={output.url} download={name} className={linkClass} aria-label={`Download ${name}`}>
        <DownloadIcon size={14} /> Download
      </a>
      <a href={output.url} target="_blank" rel="noreferrer" className={linkClass} aria-label="Open in a new tab">
        <ExternalLinkIcon size={14} />
      </a>
    </div>
  );
}

export function ImageGrid({ outputs, prompt, seed, kind = "image" }: { outputs: MediaOutput[]; prompt?: string; seed?: number | null; kind?: string }) {
  return (
    <ul data-testid="result-grid" className={cn("grid gap-3", outputs.length > 1 && "sm:grid-cols-2")}>
      {outputs.map((output, i) => {
        const name = downloadName(kind, prompt, i, output.contentType, seed);
        return (
          <li key={output.url} className="group relative overflow-hidden rounded-xl border border-zinc-800 checkerboard">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={output.url}
              alt={prompt ? `Result ${i + 1}: ${prompt}` : `Result ${i + 1}`}
              width={output.width}
              height={output.height}
              className="block h-auto w-full"
              data-testid="result-image"
            />
            <div className="absolute inset-x-0 bottom-0 flex items-center justify-between gap-2 bg-gradient-to-t from-black/70 to-transparent p-2 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:group-focus-within:opacity-100">
              <span className="text-xs text-white/90">{output.width && output.height ? `${output.width}×${output.height}` : null}</span>
              <MediaActions output={output} name={name} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
