import type { Task } from "./registry";

/**
 * Each task's sidebar entry (its page lives at /{id}), in the registry's order. Plain data beside
 * the registry: the layout every page renders reads it without loading the tasks' definitions and
 * their schemas. nav.test.ts holds it to the registry's tasks and order.
 */
export const TASK_NAV = [
  { id: "image", label: "Image", blurb: "Text-to-image and image-to-image" },
  { id: "inpaint", label: "Inpaint", blurb: "Paint a mask, describe the change" },
  { id: "video", label: "Video", blurb: "Text-to-video and image-to-video" },
  { id: "transcribe", label: "Transcribe", blurb: "Audio to text with timestamps" },
  { id: "background", label: "Background", blurb: "Cut out the subject, or give it a new background" },
  { id: "speech", label: "Speech", blurb: "Text read aloud in a voice you choose" },
  { id: "control", label: "Control", blurb: "A picture that follows a pose, depth or edges" },
  { id: "prompts", label: "Prompts", blurb: "Turn an idea into strong prompts" },
  { id: "text", label: "Text", blurb: "Ask any language model, answers streamed as they are written" },
] as const satisfies readonly { id: Task; label: string; blurb: string }[];
