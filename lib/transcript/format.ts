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

/** `HH:MM:SS<sep>mmm`: SubRip separates milliseconds with a comma, WebVTT with a dot (hours may exceed two digits). */
function clock(sec: number, sep: "," | "."): string {
  const totalMs = Math.round(safeSeconds(sec) * 1000);
  const ms = totalMs % 1000;
  const totalSeconds = Math.floor(totalMs / 1000);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms, 3)}`;
}

/** Trims and drops blank lines, which would otherwise end the cue early in SRT and VTT parsers. */
function cueText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

/** The segments worth a cue: with text, times repaired (an end before the start is raised to the start). */
function cues(segments: readonly TranscriptSegment[]) {
  return segments.flatMap((segment) => {
    const text = cueText(segment.text);
    const start = safeSeconds(segment.start);
    return text ? [{ start, end: Math.max(start, safeSeconds(segment.end)), text }] : [];
  });
}

/**
 * SubRip subtitles: 1-based cue numbers, blank line between cues, trailing newline.
 * Segments with no text are skipped (numbering stays consecutive).
 */
export function toSrt(segments: readonly TranscriptSegment[]): string {
  const blocks = cues(segments).map((c, i) => `${i + 1}\n${clock(c.start, ",")} --> ${clock(c.end, ",")}\n${c.text}`);
  return blocks.length > 0 ? `${blocks.join("\n\n")}\n` : "";
}

/** WebVTT cue text is markup: `&` and `<` start entities and tags, and `-->` would end the cue's timing line. */
const vttEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** WebVTT subtitles (what `<track>` plays): the `WEBVTT` header, then cues as in SRT with dotted milliseconds. */
export function toVtt(segments: readonly TranscriptSegment[]): string {
  const blocks = cues(segments).map((c) => `${clock(c.start, ".")} --> ${clock(c.end, ".")}\n${vttEscape(c.text)}`);
  return ["WEBVTT", ...blocks].join("\n\n") + "\n";
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
