import { cn } from "@/lib/cn";

/**
 * Button's class list, apart from its component (and the Spinner that one brings), for a
 * plain <button> that needs no loading state: the error boundary's chunk loads with every page.
 */

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

// A button's looks are component classes in app/globals.css (`.btn`, one per variant and size):
// short class lists in every page's markup and no class strings in the script.
export const buttonClass = (variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string) =>
  cn("btn", `btn-${variant}`, `btn-${size}`, className);

/** A square icon-only button's classes. */
export const iconButtonClass = (variant: ButtonVariant, size: ButtonSize, className?: string) => cn("btn", `btn-${variant}`, `btn-icon-${size}`, className);
