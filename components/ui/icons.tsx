import type { ReactNode, SVGProps } from "react";

export interface IconProps extends Omit<SVGProps<SVGSVGElement>, "children"> {
  /** Width and height in CSS px (16–20 reads best next to text-sm). */
  size?: number;
}

// One wrapper so every icon shares the 24-unit grid, stroke style and decorative-by-default semantics.
function icon(name: string, paths: ReactNode) {
  function Icon({ size = 18, ...props }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...props}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const ImageIcon = icon(
  "ImageIcon",
  <>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <circle cx="9" cy="9" r="2" />
    <path d="m21 15-3.1-3.1a2 2 0 0 0-2.8 0L6 21" />
  </>,
);

export const BrushIcon = icon(
  "BrushIcon",
  <>
    <path d="M18.4 2.6a2 2 0 0 1 2.9 2.9l-8.6 8.7-2.9-2.9z" />
    <path d="M9.4 11.7a3.2 3.2 0 0 0-3.4 3c0 1.9-1.2 3.3-3 3.8 2.2 1.8 7.3 1.6 8.9-.9a3.1 3.1 0 0 0-.1-3.6" />
  </>,
);

export const EraserIcon = icon(
  "EraserIcon",
  <>
    <path d="m7 21-4.3-4.3a1.7 1.7 0 0 1 0-2.4l10-10a1.7 1.7 0 0 1 2.4 0l5.6 5.6a1.7 1.7 0 0 1 0 2.4L13 21" />
    <path d="M21 21H7" />
    <path d="m5.5 11.5 8 8" />
  </>,
);

export const UndoIcon = icon(
  "UndoIcon",
  <>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </>,
);

export const RedoIcon = icon(
  "RedoIcon",
  <>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </>,
);

export const TrashIcon = icon(
  "TrashIcon",
  <>
    <path d="M3 6h18" />
    <path d="M8 6V4a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v2" />
    <path d="m19 6-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6" />
    <path d="M10 11v6" />
    <path d="M14 11v6" />
  </>,
);

export const InvertIcon = icon(
  "InvertIcon",
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 3a9 9 0 0 1 0 18z" fill="currentColor" />
  </>,
);

export const VideoIcon = icon(
  "VideoIcon",
  <>
    <rect x="2" y="6" width="14" height="12" rx="2" />
    <path d="m16 10.5 5.2-3a.5.5 0 0 1 .8.4v8.2a.5.5 0 0 1-.8.4l-5.2-3" />
  </>,
);

export const MicIcon = icon(
  "MicIcon",
  <>
    <rect x="9" y="2" width="6" height="12" rx="3" />
    <path d="M19 10v1a7 7 0 0 1-14 0v-1" />
    <path d="M12 18v4" />
  </>,
);

export const ScissorsIcon = icon(
  "ScissorsIcon",
  <>
    <circle cx="6" cy="6" r="3" />
    <circle cx="6" cy="18" r="3" />
    <path d="M20 4 8.1 15.9M14.5 14.5 20 20M8.1 8.1 12 12" />
  </>,
);

export const SpeakerIcon = icon(
  "SpeakerIcon",
  <>
    <path d="M11 5 6 9H2v6h4l5 4z" />
    <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />
  </>,
);

/** A stick figure mid-stride: a picture that follows a pose (or depth, or edges). */
export const PoseIcon = icon(
  "PoseIcon",
  <>
    <circle cx="12" cy="4.5" r="2" />
    <path d="M12 7.5v6M12 13.5l-3.5 7M12 13.5l3.5 7M6 10.5l6-1.5 6 1.5" />
  </>,
);

export const TextIcon = icon(
  "TextIcon",
  <>
    <path d="M4 6h16M4 12h16M4 18h10" />
  </>,
);

export const SparklesIcon = icon(
  "SparklesIcon",
  <>
    <path d="m12 3 1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z" />
    <path d="M19 15v4" />
    <path d="M17 17h4" />
    <path d="M5 3v3" />
    <path d="M3.5 4.5h3" />
  </>,
);

export const DownloadIcon = icon(
  "DownloadIcon",
  <>
    <path d="M12 3v12" />
    <path d="m7 10 5 5 5-5" />
    <path d="M5 21h14" />
  </>,
);

export const CopyIcon = icon(
  "CopyIcon",
  <>
    <rect x="8" y="8" width="13" height="13" rx="2" />
    <path d="M16 8V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h3" />
  </>,
);

export const CheckIcon = icon("CheckIcon", <path d="M20 6 9 17l-5-5" />);

export const XIcon = icon(
  "XIcon",
  <>
    <path d="M18 6 6 18" />
    <path d="m6 6 12 12" />
  </>,
);

export const MenuIcon = icon(
  "MenuIcon",
  <>
    <path d="M4 6h16" />
    <path d="M4 12h16" />
    <path d="M4 18h16" />
  </>,
);

export const ChevronDownIcon = icon("ChevronDownIcon", <path d="m6 9 6 6 6-6" />);

export const UploadIcon = icon(
  "UploadIcon",
  <>
    <path d="M12 15V3" />
    <path d="m7 8 5-5 5 5" />
    <path d="M5 21h14" />
  </>,
);

export const PlayIcon = icon(
  "PlayIcon",
  <path d="M7 4.8v14.4a1 1 0 0 0 1.5.9l11.6-7.2a1 1 0 0 0 0-1.7L8.5 3.9A1 1 0 0 0 7 4.8z" />,
);

export const StopIcon = icon("StopIcon", <rect x="5" y="5" width="14" height="14" rx="2" />);

export const ClockIcon = icon(
  "ClockIcon",
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </>,
);

export const CpuIcon = icon(
  "CpuIcon",
  <>
    <rect x="5" y="5" width="14" height="14" rx="2" />
    <rect x="9" y="9" width="6" height="6" rx="1" />
    <path d="M9 2v3M15 2v3M9 19v3M15 19v3M2 9h3M2 15h3M19 9h3M19 15h3" />
  </>,
);

export const ExternalLinkIcon = icon(
  "ExternalLinkIcon",
  <>
    <path d="M14 4h6v6" />
    <path d="M20 4 10 14" />
    <path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
  </>,
);

export const ShuffleIcon = icon(
  "ShuffleIcon",
  <>
    <path d="M16 3h5v5" />
    <path d="M4 20 21 3" />
    <path d="M21 16v5h-5" />
    <path d="m15 15 6 6" />
    <path d="m4 4 5 5" />
  </>,
);

export const ShareIcon = icon(
  "ShareIcon",
  <>
    <circle cx="18" cy="5" r="3" />
    <circle cx="6" cy="12" r="3" />
    <circle cx="18" cy="19" r="3" />
    <path d="m8.6 13.5 6.8 4M15.4 6.5l-6.8 4" />
  </>,
);
