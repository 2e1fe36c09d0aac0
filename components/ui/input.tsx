"use client";

import { useCallback, useLayoutEffect, useRef, type ComponentProps, type Ref } from "react";
import { cn } from "@/lib/cn";
import { ChevronDownIcon } from "./icons";

// Looks: `.field-control` in app/globals.css, whose `[aria-invalid="true"]` rule gives the rose border.
type WithInvalid<P> = P & {
  /** Sets aria-invalid, which gives a rose border; pair with <Field error> and aria-describedby. */
  invalid?: boolean;
};

export function Input({ invalid, className, "aria-invalid": ariaInvalid, ...props }: WithInvalid<ComponentProps<"input">>) {
  return (
    <input
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn("field-control h-10", className)}
      {...props}
    />
  );
}

type TextareaProps = WithInvalid<ComponentProps<"textarea">> & {
  /** Height in CSS px the textarea grows to before it starts scrolling. */
  maxHeight?: number;
};

function assignRef<T>(ref: Ref<T> | undefined, node: T | null) {
  if (typeof ref === "function") ref(node);
  else if (ref) ref.current = node;
}

function fitHeight(el: HTMLTextAreaElement, maxHeight: number) {
  // Reset first so the textarea can also shrink when text is deleted.
  el.style.height = "auto";
  // border-box sizing: the height we set includes borders, scrollHeight does not.
  const needed = el.scrollHeight + (el.offsetHeight - el.clientHeight);
  el.style.height = `${Math.min(needed, maxHeight)}px`;
  el.style.overflowY = needed > maxHeight ? "auto" : "hidden";
}

export function Textarea({
  invalid,
  className,
  maxHeight = 320,
  rows = 3,
  ref,
  onInput,
  "aria-invalid": ariaInvalid,
  ...props
}: TextareaProps) {
  const innerRef = useRef<HTMLTextAreaElement | null>(null);
  const setRefs = useCallback(
    (node: HTMLTextAreaElement | null) => {
      innerRef.current = node;
      assignRef(ref, node);
    },
    [ref],
  );

  // Controlled values can change without an input event (e.g. "use example prompt").
  useLayoutEffect(() => {
    if (innerRef.current) fitHeight(innerRef.current, maxHeight);
  }, [props.value, maxHeight]);

  return (
    <textarea
      ref={setRefs}
      rows={rows}
      aria-invalid={invalid || ariaInvalid || undefined}
      onInput={(event) => {
        fitHeight(event.currentTarget, maxHeight);
        onInput?.(event);
      }}
      className={cn("field-control resize-none py-2 leading-relaxed", className)}
      {...props}
    />
  );
}

export function Select({ invalid, className, children, "aria-invalid": ariaInvalid, ...props }: WithInvalid<ComponentProps<"select">>) {
  return (
    <div className="relative">
      <select
        aria-invalid={invalid || ariaInvalid || undefined}
        className={cn("field-control h-10 cursor-pointer appearance-none pr-9 [&>option]:bg-zinc-900", className)}
        {...props}
      >
        {children}
      </select>
      <ChevronDownIcon size={16} className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-zinc-500" />
    </div>
  );
}
