/** A timed piece of a transcript, times in seconds from the start of the audio. */
export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

/** Non-finite or negative times (seen from some models) become 0 instead of "NaN:NaN". */
function safeSeconds(sec: number): number {
  return Number.isFinite(sec) && sec > 0 ? sec : 0;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `HH:MM:SS,mmm`, as SubRip requires (hours may exceed two digits). */
function srtTime(sec: number): string {
  const totalMs = Math.round(safeSeconds(sec) * 1000);
  const ms = totalMs % 1000;
  const totalSeconds = Math.floor(totalMs / 1000);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${pad(h)}:${pad(m)}:${pad(s)},${pad(ms, 3)}`;
}

/** Trims and drops blank lines, which would otherwise end the cue early in SRT parsers. */
function cueText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

/**
 * SubRip subtitles: 1-based cue numbers, blank line between cues, trailing newline.
 * Segments with no text are skipped (numbering stays consecutive); an end before the start is raised to the start.
 */
export function toSrt(segments: readonly TranscriptSegment[]): string {
  const cues: string[] = [];
  for (const segment of segments) {
    const text = cueText(segment.text);
    if (!text) continue;
    const start = safeSeconds(segment.start);
    const end = Math.max(start, safeSeconds(segment.end));
    cues.push(`${cues.length + 1}\n${srtTime(start)} --> ${srtTime(end)}\n${text}`);
  }
  return cues.length > 0 ? `${cues.join("\n\n")}\n` : "";
}

/**
 * The transcript as plain text: the model's full text when it has any, otherwise the
 * segment texts joined with spaces (how Whisper-style models build the full text). Trimmed.
 */
export function toPlainText(text: string | null | undefined, segments: readonly TranscriptSegment[] = []): string {
  const full = text?.trim();
  if (full) return full;
  return segments
    .map((segment) => segment.text.trim())
    .filter(Boolean)
    .join(" ");
}

/** Compact clock for the UI: `m:ss`, or `h:mm:ss` from one hour on. Fractions are floored. */
export function formatTimestamp(sec: number): string {
  const total = Math.floor(safeSeconds(sec));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
