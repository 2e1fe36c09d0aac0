import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export type BadgeTone = "neutral" | "accent" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", className, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    <span
      // `.badge` and `.badge-<tone>` (app/globals.css): a history card carries two.
      className={cn("badge", `badge-${tone}`, className)}
      {...props}
    />
  );
}
