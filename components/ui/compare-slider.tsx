"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { cn } from "@/lib/cn";
import { positionFromPointer, sliderValueFromKey } from "@/lib/compare/position";

export interface CompareSliderProps {
  beforeUrl: string;
  afterUrl: string;
  beforeAlt?: string;
  afterAlt?: string;
  /** Where the divider starts, in % of the width from the left (0 shows only "after", 100 only "before"). Default 50. */
  initialPosition?: number;
  className?: string;
}

/**
 * Two images stacked in one frame, "before" left of a divider and "after" right of it. Each image
 * is clipped to its own side, so transparent pixels show the checkerboard, never the other image.
 * The frame takes the "after" image's size (at most 70vh tall); "before" is fitted inside it.
 */
export function CompareSlider({
  beforeUrl,
  afterUrl,
  beforeAlt = "Before",
  afterAlt = "After",
  initialPosition = 50,
  className,
}: CompareSliderProps) {
  const [position, setPosition] = useState(() => Math.min(100, Math.max(0, initialPosition)));
  const handleRef = useRef<HTMLDivElement>(null);
  const dragRef = useRef<number | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (dragRef.current !== null) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault(); // no image drag or text selection
    event.currentTarget.setPointerCapture(event.pointerId);
    dragRef.current = event.pointerId;
    setPosition(positionFromPointer(event.clientX, event.currentTarget.getBoundingClientRect()));
    // So the arrow keys carry on from where the pointer left the divider.
    handleRef.current?.focus({ preventScroll: true });
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragRef.current !== event.pointerId) return;
    setPosition(positionFromPointer(event.clientX, event.currentTarget.getBoundingClientRect()));
  };

  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    if (dragRef.current === event.pointerId) dragRef.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const next = sliderValueFromKey(position, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault(); // arrows and Home/End would scroll the page
    setPosition(next);
  };

  const rounded = Math.round(position);

  return (
    <div
      data-testid="compare-slider"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onLostPointerCapture={onPointerEnd}
      // Vertical swipes still scroll the page on touch screens; horizontal ones move the divider.
      className={cn(
        "checkerboard relative mx-auto w-fit max-w-full cursor-ew-resize touch-pan-y overflow-hidden rounded-xl border border-zinc-800 select-none",
        className,
      )}
    >
      {/* Plain <img>: user media that must not be resized or re-encoded by next/image. */}
      <img
        src={afterUrl}
        alt={afterAlt}
        draggable={false}
        className="pointer-events-none block h-auto max-h-[70vh] w-auto max-w-full"
        style={{ clipPath: `inset(0 0 0 ${position}%)` }}
      />
      <img
        src={beforeUrl}
        alt={beforeAlt}
        draggable={false}
        className="pointer-events-none absolute inset-0 size-full object-contain"
        style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}
      />

      {/* Hidden from screen readers: the slider's value text says the same. Faded when their side is nearly gone. */}
      <span
        aria-hidden="true"
        className={cn(
          "pointer-events-none absolute top-2 left-2 rounded-md bg-zinc-950/75 px-2 py-0.5 text-xs font-medium text-zinc-100 transition-opacity",
          position < 15 && "opacity-0",
        )}
      >
        Before
      </span>
      <span
        aria-hidden="true"
        className={cn(
          "pointer-events-none absolute top-2 right-2 rounded-md bg-zinc-950/75 px-2 py-0.5 text-xs font-medium text-zinc-100 transition-opacity",
          position > 85 && "opacity-0",
        )}
      >
        After
      </span>

      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white/90 shadow-[0_0_0_1px_rgb(0_0_0/0.35)]"
        style={{ left: `${position}%` }}
      />
      <div
        ref={handleRef}
        role="slider"
        tabIndex={0}
        aria-label="Before and after divider"
        aria-orientation="horizontal"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={`${rounded}% before, ${100 - rounded}% after`}
        onKeyDown={onKeyDown}
        className={cn(
          "absolute top-1/2 flex size-9 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full",
          "bg-zinc-950/80 text-zinc-100 shadow-lg ring-2 ring-white/90 backdrop-blur-sm",
          "focus-visible:ring-violet-400 focus-visible:outline-none",
        )}
        style={{ left: `${position}%` }}
      >
        <svg
          viewBox="0 0 24 24"
          width={18}
          height={18}
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
          focusable="false"
        >
          <path d="m9 7-5 5 5 5" />
          <path d="m15 7 5 5-5 5" />
        </svg>
      </div>
    </div>
  );
}
