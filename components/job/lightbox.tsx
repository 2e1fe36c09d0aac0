"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { IconButton } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import type { MediaOutput } from "@/lib/jobs/schema";
import { FIT, panBy, pinch, wheelFactor, zoomBy, zoomTo, ZOOM_STEP, type Point, type View } from "@/lib/view/zoom";
import { MediaActions } from "./media-results";

export type LightboxItem = { output: MediaOutput; alt: string; name: string };

const navClass =
  "absolute top-1/2 z-10 flex size-11 -translate-y-1/2 items-center justify-center rounded-full bg-zinc-900/80 text-xl text-zinc-100 hover:bg-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70 disabled:opacity-30";
const toolClass =
  "inline-flex h-8 min-w-8 items-center justify-center rounded-lg border border-zinc-700 bg-zinc-800 px-2 text-sm text-zinc-100 hover:bg-zinc-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70";

/**
 * A batch of results full size, on the native modal <dialog> (the page behind is inert, Tab stays
 * inside, Escape closes, focus goes back to the opener) — the same base as ConfirmDialog, so no
 * library: what one would add here is the ~100 lines of zoom and pan below.
 * ←/→ step through the batch; the wheel, +/−, a double-click or a pinch zoom; a drag pans.
 * `actions` are the opener's extras for the shown picture (share, send on).
 */
export function Lightbox({ items, index, onIndex, onClose, actions }: {
  items: LightboxItem[];
  /** The picture shown; null when closed. */
  index: number | null;
  onIndex: (index: number) => void;
  onClose: () => void;
  actions?: (item: LightboxItem) => ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const pointers = useRef(new Map<number, Point>());
  const [view, setView] = useState<View>(FIT);
  const titleId = useId();
  const item = index === null ? undefined : items[index];

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (item && !el.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      el.showModal();
    } else if (!item && el.open) el.close();
  }, [item]);

  // Each picture opens fitted.
  useEffect(() => setView(FIT), [index]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling (React's onWheel is passive);
  // the stage exists only while open.
  const isOpen = item !== undefined;
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const at = fromCentre(el, e);
      setView((v) => zoomBy(v, wheelFactor(e.deltaY), at));
    };
    el.addEventListener("wheel", wheel, { passive: false });
    return () => el.removeEventListener("wheel", wheel);
  }, [isOpen]);

  const step = (by: number) => {
    if (index === null) return;
    const next = index + by;
    if (next >= 0 && next < items.length) onIndex(next);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Tab") return wrapTab(e, dialog.current);
    if (e.target instanceof HTMLInputElement) return;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => step(-1),
      ArrowRight: () => step(1),
      "+": () => setView((v) => zoomBy(v, ZOOM_STEP)),
      "=": () => setView((v) => zoomBy(v, ZOOM_STEP)),
      "-": () => setView((v) => zoomBy(v, 1 / ZOOM_STEP)),
      "0": () => setView(FIT),
    };
    const run = keys[e.key];
    if (!run || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    run();
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (onControl(e)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };

  const onPointerMove = (e: React.PointerEvent) => {
    const all = pointers.current;
    const last = all.get(e.pointerId);
    if (!last) return;
    const now = { x: e.clientX, y: e.clientY };
    if (all.size === 2) {
      const other = [...all].find(([id]) => id !== e.pointerId)![1];
      const mid = fromCentre(stage.current!, { clientX: (now.x + other.x) / 2, clientY: (now.y + other.y) / 2 });
      setView((v) => pinch(v, last, now, other, mid));
    } else if (all.size === 1) {
      setView((v) => panBy(v, now.x - last.x, now.y - last.y));
    }
    all.set(e.pointerId, now);
  };

  const onPointerUp = (e: React.PointerEvent) => {
    pointers.current.delete(e.pointerId);
  };

  const close = () => {
    const target = returnFocus.current;
    returnFocus.current = null;
    onClose();
    if (target?.isConnected) target.focus();
  };

  return (
    <dialog
      ref={dialog}
      aria-modal="true"
      aria-labelledby={titleId}
      onClose={close}
      onKeyDown={onKeyDown}
      data-testid="lightbox"
      className="m-0 h-dvh max-h-none w-dvw max-w-none bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
    >
      {item && index !== null ? (
        <div className="flex h-full flex-col">
          <header className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-2">
            <h2 id={titleId} className="mr-auto text-sm font-medium tabular-nums" aria-live="polite">
              Result {index + 1} of {items.length}
              {item.output.width && item.output.height ? <span className="ml-2 text-xs text-zinc-400">{item.output.width}×{item.output.height}</span> : null}
            </h2>
            <div className="flex items-center gap-1" role="group" aria-label="Zoom">
              <button type="button" className={toolClass} onClick={() => setView((v) => zoomBy(v, 1 / ZOOM_STEP))} aria-label="Zoom out">−</button>
              <button type="button" className={`${toolClass} w-14 text-xs tabular-nums`} onClick={() => setView(FIT)} aria-label="Fit to screen" data-testid="lightbox-zoom">
                {Math.round(view.scale * 100)}%
              </button>
              <button type="button" className={toolClass} onClick={() => setView((v) => zoomBy(v, ZOOM_STEP))} aria-label="Zoom in">+</button>
            </div>
            <MediaActions output={item.output} name={item.name} />
            {actions?.(item)}
            <IconButton label="Close" icon={<XIcon size={18} />} variant="ghost" size="md" onClick={() => dialog.current?.close()} />
          </header>
          <div
            ref={stage}
            className="relative flex min-h-0 flex-1 touch-none select-none items-center justify-center overflow-hidden"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            onDoubleClick={(e) => {
              if (onControl(e)) return;
              const at = fromCentre(e.currentTarget, e);
              setView((v) => (v.scale > 1 ? FIT : zoomTo(v, 2, at)));
            }}
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={item.output.url}
              alt={item.alt}
              draggable={false}
              data-testid="lightbox-image"
              data-scale={view.scale}
              className="max-h-full max-w-full object-contain checkerboard"
              style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`, cursor: view.scale > 1 ? "grab" : "zoom-in" }}
            />
            {items.length > 1 ? (
              <>
                <button type="button" className={`${navClass} left-3`} onClick={() => step(-1)} disabled={index === 0} aria-label="Previous result">‹</button>
                <button type="button" className={`${navClass} right-3`} onClick={() => step(1)} disabled={index === items.length - 1} aria-label="Next result">›</button>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

/** A pointer's position from the centre of `el`, where the picture's transform has its origin. */
function fromCentre(el: HTMLElement, e: { clientX: number; clientY: number }): Point {
  const r = el.getBoundingClientRect();
  return { x: e.clientX - r.left - r.width / 2, y: e.clientY - r.top - r.height / 2 };
}

/**
 * A modal dialog keeps Tab off the page behind, but from its last control Tab would leave for the
 * browser's own toolbar: wrap round to the first (and Shift+Tab from the first to the last).
 */
function wrapTab(e: React.KeyboardEvent, root: HTMLElement | null) {
  const focusable = [...(root?.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), input, [tabindex]:not([tabindex='-1'])") ?? [])].filter(
    (el) => el.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** The previous/next buttons sit on the stage: pressing them must not start a pan (or capture the click). */
const onControl = (e: React.SyntheticEvent) => e.target instanceof Element && e.target.closest("button") !== null;
