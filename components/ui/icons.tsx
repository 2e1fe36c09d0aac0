import type { StaticImageData } from "next/image";
import type { JSX, SVGProps } from "react";
import spriteFile from "./icons.svg";

export interface IconProps extends Omit<SVGProps<SVGSVGElement>, "children" | "name"> {
  /** Width and height in CSS px (16–20 reads best next to text-sm). */
  size?: number;
}

/**
 * The drawings live once in ./icons.svg, as symbols on a shared 24-unit grid with round
 * 2-unit strokes in the text colour; a page only references them. Inline, every icon's paths were
 * rendered, serialized into the RSC payload and sent again on every page (18 on /image, 88 on
 * /history). Same-origin, so the CSP's default-src 'self' covers the sprite. Imported, not in public/,
 * so the build serves it under a content-hashed name cached for a year: a file in public/ is asked
 * for again (and answered 304) on every page a person opens.
 */
const SPRITE = (spriteFile as StaticImageData).src;

/** A symbol id in ./icons.svg (icons.test.ts checks that each one is there). */
export type IconName = (typeof ICON_NAMES)[number];
export const ICON_NAMES = [
  "image",
  "brush",
  "eraser",
  "undo",
  "redo",
  "trash",
  "invert",
  "video",
  "mic",
  "scissors",
  "speaker",
  "pose",
  "text",
  "sparkles",
  "download",
  "copy",
  "check",
  "x",
  "menu",
  "chevron-down",
  "upload",
  "play",
  "stop",
  "clock",
  "cpu",
  "external-link",
  "shuffle",
  "share",
  "rerun",
] as const;

function sprite(name: IconName, { size = 18, ...props }: IconProps) {
  return (
    <svg width={size} height={size} aria-hidden="true" focusable="false" {...props}>
      <use href={`${SPRITE}#${name}`} />
    </svg>
  );
}

/** Decorative, like every icon here: what it means is said by the text or aria-label beside it. */
export function Icon({ name, ...props }: IconProps & { name: IconName }) {
  return sprite(name, props);
}

/** An icon as a component of its own; `iconName` names it where only plain data may go (a client component's props). */
export type IconComponent = ((props: IconProps) => JSX.Element) & { iconName: IconName };

function icon(displayName: string, name: IconName): IconComponent {
  const Named = (props: IconProps) => sprite(name, props);
  Named.displayName = displayName;
  Named.iconName = name;
  return Named;
}

export const ImageIcon = icon("ImageIcon", "image");
export const BrushIcon = icon("BrushIcon", "brush");
export const EraserIcon = icon("EraserIcon", "eraser");
export const UndoIcon = icon("UndoIcon", "undo");
export const RedoIcon = icon("RedoIcon", "redo");
export const TrashIcon = icon("TrashIcon", "trash");
export const InvertIcon = icon("InvertIcon", "invert");
export const VideoIcon = icon("VideoIcon", "video");
export const MicIcon = icon("MicIcon", "mic");
export const ScissorsIcon = icon("ScissorsIcon", "scissors");
export const SpeakerIcon = icon("SpeakerIcon", "speaker");
/** A stick figure mid-stride: a picture that follows a pose (or depth, or edges). */
export const PoseIcon = icon("PoseIcon", "pose");
export const TextIcon = icon("TextIcon", "text");
export const SparklesIcon = icon("SparklesIcon", "sparkles");
export const DownloadIcon = icon("DownloadIcon", "download");
export const CopyIcon = icon("CopyIcon", "copy");
export const CheckIcon = icon("CheckIcon", "check");
export const XIcon = icon("XIcon", "x");
export const MenuIcon = icon("MenuIcon", "menu");
export const ChevronDownIcon = icon("ChevronDownIcon", "chevron-down");
export const UploadIcon = icon("UploadIcon", "upload");
export const PlayIcon = icon("PlayIcon", "play");
export const StopIcon = icon("StopIcon", "stop");
export const ClockIcon = icon("ClockIcon", "clock");
export const CpuIcon = icon("CpuIcon", "cpu");
export const ExternalLinkIcon = icon("ExternalLinkIcon", "external-link");
export const ShuffleIcon = icon("ShuffleIcon", "shuffle");
export const ShareIcon = icon("ShareIcon", "share");
