"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { MicIcon, StopIcon } from "@/components/ui/icons";
import { cn } from "@/lib/cn";
import { formatTimestamp } from "@/lib/transcript/format";

interface AudioRecorderProps {
  /** Receives the finished recording; the File's type has no codecs parameter (e.g. "audio/webm"). */
  onRecorded(file: File): void;
  /** Blocks starting a new recording; a running one can always be stopped. */
  disabled?: boolean;
  className?: string;
}

type Phase = "idle" | "requesting" | "recording";

/** Everything that must be released when a recording ends or the component unmounts. */
interface Session {
  stream: MediaStream;
  recorder: MediaRecorder;
  audio: AudioContext;
  frame: number;
}

// Opus in WebM (Chrome, Firefox) first; Safari only records MP4/AAC.
const MIME_CANDIDATES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

function pickMimeType(): string | undefined {
  return MIME_CANDIDATES.find((type) => MediaRecorder.isTypeSupported(type));
}

function extensionFor(mime: string): string {
  if (mime.includes("ogg")) return "ogg";
  if (mime.includes("mp4") || mime.includes("aac")) return "mp4";
  return "webm";
}

function microphoneError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Microphone access was blocked. Allow it in your browser's site settings, or upload a file instead.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Connect one, or upload a file instead.";
    case "NotReadableError":
      return "The microphone is busy in another app. Close it there and try again.";
    default:
      return "Couldn't start recording. You can upload an audio file instead.";
  }
}

/** Root-mean-square of the waveform, scaled so normal speech fills most of the meter. */
function levelOf(analyser: AnalyserNode, buffer: Uint8Array<ArrayBuffer>): number {
  analyser.getByteTimeDomainData(buffer);
  let sum = 0;
  for (const sample of buffer) {
    const v = (sample - 128) / 128;
    sum += v * v;
  }
  return Math.min(1, Math.sqrt(sum / buffer.length) * 4);
}

export function AudioRecorder({ onRecorded, disabled = false, className }: AudioRecorderProps) {
  const [phase, setPhase] = useState<Phase>("idle");
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const sessionRef = useRef<Session | null>(null);
  const elapsedRef = useRef(0);
  const mountedRef = useRef(false);
  const meterRef = useRef<HTMLDivElement>(null);
  const onRecordedRef = useRef(onRecorded);

  useEffect(() => {
    onRecordedRef.current = onRecorded;
  });

  const release = () => {
    const session = sessionRef.current;
    if (!session) return;
    sessionRef.current = null;
    cancelAnimationFrame(session.frame);
    for (const track of session.stream.getTracks()) track.stop();
    void session.audio.close();
  };

  // Leaving the page mid-recording: stop the mic, and never deliver a file to an unmounted owner.
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      const session = sessionRef.current;
      if (session) {
        session.recorder.onstop = null;
        if (session.recorder.state !== "inactive") session.recorder.stop();
      }
      release();
    };
  }, []);

  const stop = () => {
    const recorder = sessionRef.current?.recorder;
    if (recorder && recorder.state !== "inactive") recorder.stop();
  };

  const start = async () => {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === "undefined") {
      setError("This browser can't record audio. Upload a file instead.");
      return;
    }
    setPhase("requesting");
    setStatus("Waiting for microphone permission…");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
      });
    } catch (err) {
      setPhase("idle");
      setStatus("");
      setError(microphoneError(err));
      return;
    }
    // The permission prompt can outlive the component.
    if (!mountedRef.current) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }

    let recorder: MediaRecorder;
    let audio: AudioContext;
    try {
      const mimeType = pickMimeType();
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      audio = new AudioContext();
    } catch {
      for (const track of stream.getTracks()) track.stop();
      setPhase("idle");
      setStatus("");
      setError("This browser can't record audio in a supported format. Upload a file instead.");
      return;
    }

    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      release();
      setPhase("idle");
      const mime = recorder.mimeType || chunks[0]?.type || "audio/webm";
      // Upload validators compare bare MIME types, so drop the ";codecs=…" parameter.
      const type = mime.split(";")[0] ?? mime;
      const blob = new Blob(chunks, { type });
      if (blob.size === 0) {
        setStatus("");
        setError("Nothing was recorded. Check your microphone and try again.");
        return;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = new File([blob], `recording-${stamp}.${extensionFor(type)}`, { type });
      setStatus(`Recording finished (${formatTimestamp(elapsedRef.current)}).`);
      onRecordedRef.current(file);
    };

    // The analyser only listens; it is never connected to the speakers, so there is no feedback.
    const analyser = audio.createAnalyser();
    analyser.fftSize = 1024;
    audio.createMediaStreamSource(stream).connect(analyser);
    const buffer = new Uint8Array(analyser.fftSize);
    const startedAt = performance.now();

    const tick = () => {
      const seconds = (performance.now() - startedAt) / 1000;
      elapsedRef.current = seconds;
      // Whole seconds only: React skips the re-render when the value is unchanged.
      setElapsed(Math.floor(seconds));
      if (meterRef.current) meterRef.current.style.transform = `scaleX(${levelOf(analyser, buffer)})`;
      if (sessionRef.current) sessionRef.current.frame = requestAnimationFrame(tick);
    };

    sessionRef.current = { stream, recorder, audio, frame: 0 };
    // If the mic is unplugged mid-recording, finish with what was captured.
    for (const track of stream.getAudioTracks()) track.onended = () => stop();
    // A timeslice makes data arrive periodically instead of only at the end.
    recorder.start(1000);
    setElapsed(0);
    setPhase("recording");
    setStatus("Recording…");
    tick();
  };

  const recording = phase === "recording";

  return (
    <div className={cn("flex flex-col gap-3", className)}>
      <div className="flex flex-wrap items-center gap-4">
        {recording ? (
          <Button variant="danger" onClick={stop}>
            <StopIcon size={16} />
            Stop recording
          </Button>
        ) : (
          <Button
            variant="secondary"
            loading={phase === "requesting"}
            disabled={disabled}
            onClick={() => void start()}
          >
            {phase !== "requesting" && <MicIcon size={16} />}
            Start recording
          </Button>
        )}

        <div className="flex items-center gap-2 text-sm text-zinc-400 tabular-nums">
          <span
            aria-hidden="true"
            className={cn("size-2 rounded-full", recording ? "animate-pulse bg-rose-500" : "bg-zinc-700")}
          />
          <span role="timer" aria-label="Elapsed recording time">
            {formatTimestamp(elapsed)}
          </span>
        </div>

        {/* Decorative: a live level is too chatty for assistive tech; the status text covers the state. */}
        <div aria-hidden="true" className="h-2 w-32 overflow-hidden rounded-full bg-zinc-800">
          <div
            ref={meterRef}
            className={cn(
              "h-full w-full origin-left rounded-full bg-emerald-400 transition-transform duration-75",
              !recording && "opacity-0",
            )}
            style={{ transform: "scaleX(0)" }}
          />
        </div>
      </div>

      <p aria-live="polite" className="text-xs text-zinc-500">
        {status}
      </p>
      {error && (
        <p role="alert" className="text-sm text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
