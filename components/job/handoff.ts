import type { InputOf, Task } from "@/lib/tasks/registry";
import { IDEA_MAX, MAX_SPEECH_CHARS, PROMPT_MAX } from "@/lib/tasks/limits";

/**
 * Handing a result onward: a link to another page with the result already in the right field, e.g.
 * `/inpaint?image=/api/media/….png` or `/speech?text=…`. The page loads it on the server (see
 * `loadSeed` in ./remix.ts), which accepts only the studio's own stored media of the right kind and
 * text within the field's limit; anything else opens the page empty.
 */
export type HandoffKind = "image" | "audio" | "text";
export type Handoff = Partial<Record<HandoffKind, string>>;

/**
 * Text travels in the query string, and Node refuses request lines over 16 KB: 2000 characters stay
 * under that even when every one is percent-encoded as three bytes of UTF-8.
 */
const URL_TEXT_MAX = 2000;

type Target<I> = {
  /**
   * The form field a handed-on file lands in (a job input or, for Control's photo, a form-only
   * upload), the name it shows under, and what a "Send to" menu calls the destination.
   */
  image?: { field: string; name: string; label: string };
  audio?: { field: string; name: string; label: string };
  text?: { field: keyof I & string; max: number; label: string };
  /** Settings that make the page show that field (e.g. Control starts on edges found in a photo). */
  input?: Partial<I>;
};

const promptMax = Math.min(PROMPT_MAX, URL_TEXT_MAX);

/** Which field of each page takes what. Tasks left out take nothing. */
export const HANDOFF_TARGETS: { [T in Task]?: Target<InputOf<T>> } = {
  image: {
    image: { field: "sourceImage", name: "source-image", label: "Image → Image" },
    text: { field: "prompt", max: promptMax, label: "Image prompt" },
  },
  inpaint: { image: { field: "image", name: "image", label: "Inpaint" } },
  video: {
    image: { field: "startImage", name: "start-frame", label: "Video (start frame)" },
    text: { field: "prompt", max: promptMax, label: "Video prompt" },
  },
  background: { image: { field: "image", name: "image", label: "Background" } },
  // The picture as the photo a map is derived from: a generated image is a scene, not a pose or depth map.
  control: { image: { field: "photo", name: "photo", label: "Control (edges of it)" }, input: { kind: "edges" } },
  text: { text: { field: "prompt", max: URL_TEXT_MAX, label: "Text prompt" } },
  prompts: { text: { field: "idea", max: Math.min(IDEA_MAX, URL_TEXT_MAX), label: "Prompt ideas" } },
  speech: { text: { field: "text", max: Math.min(MAX_SPEECH_CHARS, URL_TEXT_MAX), label: "Speech" } },
  transcribe: { audio: { field: "audio", name: "audio", label: "Transcribe" } },
};

/** Cuts text to `max` characters at the last whole word, so a long transcript still fits the field. */
export function fitText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : trimmed.slice(0, max)).trim();
}

/** The link that opens `task`'s page with `what` in its fields; text is fitted to the field. */
export function handoffHref(task: Task, what: Handoff): string {
  const target = HANDOFF_TARGETS[task];
  const query = new URLSearchParams();
  for (const kind of ["image", "audio"] as const) if (what[kind] && target?.[kind]) query.set(kind, what[kind]);
  if (what.text && target?.text) query.set("text", fitText(what.text, target.text.max));
  const q = query.toString();
  return q ? `/${task}?${q}` : `/${task}`;
}

export type HandoffLink = { task: Task; label: string; href: string };

/** Every page one kind of result can be sent to, as links for a "Send to" menu. */
export function handoffLinks(kind: HandoffKind, value: string): HandoffLink[] {
  return (Object.keys(HANDOFF_TARGETS) as Task[]).flatMap((task) => {
    const spec = HANDOFF_TARGETS[task]?.[kind];
    return spec ? [{ task, label: spec.label, href: handoffHref(task, { [kind]: value }) }] : [];
  });
}
