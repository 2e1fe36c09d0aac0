import { cn } from "@/lib/cn";

/**
 * Button's looks as class lists, apart from its component (and the Spinner that one brings), for a
 * plain <button> that needs no loading state: the error boundary's chunk loads with every page.
 */

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

// Every button's shape, focus ring and disabled look: `.btn` in app/globals.css, one short class
// instead of 20 utilities repeated on every button of every page (48 on /history).
const base = "btn";

// `aria-pressed:` styles make any Button usable as a toggle without extra props.
const variants: Record<ButtonVariant, string> = {
  primary: "bg-violet-600 text-white hover:bg-violet-700 disabled:hover:bg-violet-600",
  secondary:
    "border border-zinc-700 bg-zinc-800 text-zinc-100 hover:bg-zinc-700 disabled:hover:bg-zinc-800 " +
    "aria-pressed:border-violet-500/60 aria-pressed:bg-violet-600/20 aria-pressed:text-violet-100",
  ghost:
    "text-zinc-300 hover:bg-zinc-800 hover:text-zinc-100 disabled:hover:bg-transparent " +
    "aria-pressed:bg-violet-600/20 aria-pressed:text-violet-200",
  danger: "bg-rose-600 text-white hover:bg-rose-700 disabled:hover:bg-rose-600",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-xs",
  md: "h-10 px-4 text-sm",
};

const iconSizes: Record<ButtonSize, string> = {
  sm: "size-8",
  md: "size-10",
};

export const buttonClass = (variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string) =>
  cn(base, variants[variant], sizes[size], className);

/** A square icon-only button's classes. */
export const iconButtonClass = (variant: ButtonVariant, size: ButtonSize, className?: string) => cn(base, variants[variant], iconSizes[size], className);
