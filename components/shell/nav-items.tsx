import type { ReactNode } from "react";
import { BrushIcon, ClockIcon, ImageIcon, MicIcon, SparklesIcon, VideoIcon } from "@/components/ui/icons";

export const NAV_ITEMS: { href: string; label: string; icon: ReactNode; blurb: string }[] = [
  { href: "/image", label: "Image", icon: <ImageIcon size={18} />, blurb: "Text-to-image and image-to-image" },
  { href: "/inpaint", label: "Inpaint", icon: <BrushIcon size={18} />, blurb: "Paint a mask, describe the change" },
  { href: "/video", label: "Video", icon: <VideoIcon size={18} />, blurb: "Text-to-video and image-to-video" },
  { href: "/transcribe", label: "Transcribe", icon: <MicIcon size={18} />, blurb: "Audio to text with timestamps" },
  { href: "/prompts", label: "Prompts", icon: <SparklesIcon size={18} />, blurb: "Turn an idea into strong prompts" },
  { href: "/history", label: "History", icon: <ClockIcon size={18} />, blurb: "Open, share or remix what you made" },
];
