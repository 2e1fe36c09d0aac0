"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CheckIcon, CopyIcon, DownloadIcon } from "@/components/ui/icons";
import type { Segment } from "@/lib/jobs/schema";
import { formatTimestamp, toPlainText, toSrt, toVtt } from "@/lib/transcript/format";
import { SendTo } from "@/components/job/send-to";

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The transcript with its timed segments; copy, .txt, .srt and .vtt; a segment's time plays the
 * audio from there. In the studio the text can be sent on as a prompt or to be spoken.
 */
export function TranscriptView({ text, segments, audioUrl, fileBase, studio = false }: {
  text: string | null;
  segments: Segment[];
  audioUrl?: string;
  fileBase: string;
  studio?: boolean;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [copied, setCopied] = useState(false);
  const plain = toPlainText(text, segments);
  const copy = async () => {
    await navigator.clipboard.writeText(plain);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="flex flex-col gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-5">
      {audioUrl ? <audio ref={audio} src={audioUrl} controls preload="metadata" className="w-full" /> : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" size="sm" onClick={() => void copy()} disabled={!plain}>
          {copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />} {copied ? "Copied" : "Copy text"}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => download(`${fileBase}.txt`, plain, "text/plain")} disabled={!plain}>
          <DownloadIcon size={14} /> .txt
        </Button>
        <Button variant="secondary" size="sm" onClick={() => download(`${fileBase}.srt`, toSrt(segments), "application/x-subrip")} disabled={segments.length === 0}>
          <DownloadIcon size={14} /> .srt
        </Button>
        <Button variant="secondary" size="sm" onClick={() => download(`${fileBase}.vtt`, toVtt(segments), "text/vtt")} disabled={segments.length === 0}>
          <DownloadIcon size={14} /> .vtt
        </Button>
        {studio && plain ? <SendTo kind="text" value={plain} /> : null}
      </div>
      <p data-testid="transcript-text" className="whitespace-pre-wrap text-sm leading-relaxed text-zinc-100">
        {plain || <span className="text-zinc-500">No speech was recognised in this recording.</span>}
      </p>
      {segments.length > 0 ? (
        <ol aria-label="Segments" data-testid="transcript-segments" className="divide-y divide-zinc-800 rounded-xl border border-zinc-800">
          {segments.map((s, i) => (
            <li key={i} className="flex gap-3 p-2.5 text-sm">
              {audioUrl ? (
                <button
                  type="button"
                  className="shrink-0 rounded font-mono text-xs tabular-nums text-violet-300 hover:text-violet-200 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
                  onClick={() => {
                    if (!audio.current) return;
                    audio.current.currentTime = s.start;
                    void audio.current.play();
                  }}
                >
                  {/* The name holds the visible times, as speech input expects (WCAG 2.5.3). */}
                  <span className="sr-only">Play from </span>
                  {formatTimestamp(s.start)}–{formatTimestamp(s.end)}
                </button>
              ) : (
                <span className="shrink-0 font-mono text-xs tabular-nums text-violet-300">
                  {formatTimestamp(s.start)}–{formatTimestamp(s.end)}
                </span>
              )}
              <span className="text-zinc-200">{s.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
