import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-zinc-800 text-zinc-300 ring-zinc-700",
  accent: "bg-violet-500/15 text-violet-300 ring-violet-500/30",
  success: "bg-emerald-400/10 text-emerald-400 ring-emerald-400/30",
  warning: "bg-amber-400/10 text-amber-400 ring-amber-400/30",
  danger: "bg-rose-500/10 text-rose-400 ring-rose-500/30",
};

export function Badge({ tone = "neutral", className, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    <span
      // `.badge` (app/globals.css): a history card carries two.
      className={cn("badge", tones[tone], className)}
      {...props}
    />
  );
}
