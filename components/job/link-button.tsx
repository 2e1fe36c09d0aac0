import { AppLink } from "@/components/ui/app-link";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

// The Button primitive's look, for navigation (a link must stay a link: middle-click, open in new tab).
const base =
  "inline-flex shrink-0 select-none items-center justify-center gap-2 rounded-lg font-medium transition-colors " +
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 focus-visible:ring-offset-2 focus-visible:ring-offset-zinc-950";
const variants = {
  primary: "bg-violet-600 text-white hover:bg-violet-700",
  secondary: "border border-zinc-700 bg-zinc-800 text-zinc-100 hover:bg-zinc-700",
  ghost: "text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100",
};
const sizes = { sm: "h-8 px-3 text-xs", md: "h-10 px-4 text-sm" };

export function LinkButton({ variant = "secondary", size = "md", className, ...props }: ComponentProps<typeof AppLink> & {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
}) {
  return <AppLink className={cn(base, variants[variant], sizes[size], className)} {...props} />;
}
