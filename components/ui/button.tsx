import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy. */
  loading?: boolean;
}

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

/** Defaults to type="button" so buttons inside forms never submit by accident; pass type="submit" explicitly. */
export function Button({
  variant = "primary",
  size = "md",
  loading = false,
  disabled,
  className,
  children,
  type = "button",
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={cn(base, variants[variant], sizes[size], className)}
      {...props}
    >
      {loading && <Spinner />}
      {children}
    </button>
  );
}

export interface IconButtonProps extends Omit<ComponentProps<"button">, "children"> {
  /** Required: becomes aria-label and the tooltip (title), since the button has no visible text. */
  label: string;
  icon: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/**
 * Square icon-only button; pass aria-pressed to use it as a toggle. Prefer aria-disabled over
 * disabled when the button may be focused as it becomes unavailable (e.g. Undo), so focus isn't lost.
 */
export function IconButton({
  label,
  icon,
  variant = "ghost",
  size = "sm",
  className,
  type = "button",
  title,
  ...props
}: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={title ?? label}
      className={cn(base, variants[variant], iconSizes[size], className)}
      {...props}
    >
      {icon}
    </button>
  );
}
