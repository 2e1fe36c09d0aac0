import type { ComponentProps, ReactNode } from "react";
import { buttonClass, iconButtonClass, type ButtonSize, type ButtonVariant } from "./button-class";
import { Spinner } from "./spinner";

export type { ButtonSize, ButtonVariant };

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner, disables the button and sets aria-busy. */
  loading?: boolean;
}

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
      className={buttonClass(variant, size, className)}
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
      className={iconButtonClass(variant, size, className)}
      {...props}
    >
      {icon}
    </button>
  );
}
