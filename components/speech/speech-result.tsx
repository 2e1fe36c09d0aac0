import { handoffHref } from "@/components/job/handoff";
import { LinkButton } from "@/components/job/link-button";
import { downloadName, MediaActions } from "@/components/job/media-results";
import { MicIcon, SpeakerIcon } from "@/components/ui/icons";
import type { MediaOutput } from "@/lib/jobs/schema";
import { secondsLabel } from "@/lib/tasks/speech/definition";

/**
 * Spoken words: a player, the text it reads, a download named from its first words, and (in the
 * studio) a hand-off to Transcribe. The share page leaves the hand-off out: it is not the viewer's studio.
 */
export function SpeechResult({ output, text, voice, studio }: { output: MediaOutput; text: string; voice?: string; studio: boolean }) {
  // Named from the first few whole words, not cut mid-word.
  const name = downloadName("speech", text.split(/\s+/).slice(0, 6).join(" "), 0, output.contentType);
  const facts = [voice, output.durationSec ? secondsLabel(output.durationSec) : undefined].filter(Boolean);
  return (
    <figure data-testid="speech-result" className="flex flex-col gap-4 overflow-hidden rounded-2xl border border-zinc-800 bg-gradient-to-br from-violet-500/[0.08] to-zinc-900/60 p-5">
      <div className="flex items-center gap-3">
        <span aria-hidden className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-violet-500/15 text-violet-300 sm:flex">
          <SpeakerIcon size={20} />
        </span>
        {/* A native player: keyboard, seeking and speed controls come with it. */}
        <audio src={output.url} controls preload="metadata" className="h-10 min-w-0 flex-1" data-testid="result-audio" aria-label="Spoken text" />
      </div>
      <blockquote className="max-h-64 overflow-y-auto border-l-2 border-violet-500/40 pl-4 text-sm leading-relaxed whitespace-pre-wrap text-zinc-100" data-testid="speech-text">
        {text}
      </blockquote>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-400">
        <span className="tabular-nums">{facts.join(" · ")}</span>
        <span className="flex flex-wrap items-center gap-2">
          {studio ? (
            <LinkButton href={handoffHref("transcribe", { audio: output.url })} size="sm" variant="ghost" data-testid="transcribe-this">
              <MicIcon size={14} /> Transcribe this
            </LinkButton>
          ) : null}
          <MediaActions output={output} name={name} />
        </span>
      </figcaption>
    </figure>
  );
}
