"use client";

import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
} from "react";
import { IconButton } from "@/components/ui/button";
import { ErrorAlert } from "@/components/ui/alert";
import { BrushIcon, EraserIcon, InvertIcon, RedoIcon, TrashIcon, UndoIcon } from "@/components/ui/icons";
import { Slider } from "@/components/ui/slider";
import { cn } from "@/lib/cn";
import {
  alphaToCoverageRgba,
  alphaToMaskRgba,
  binaryAlpha,
  clientToImage,
  containRect,
  displayScale,
  hasPaint,
  interpolate,
  invertAlpha,
  stampSpacing,
  type Point,
} from "@/lib/mask/geometry";
import { featherAlpha } from "@/lib/mask/feather";
import { History, MAX_HISTORY } from "@/lib/mask/history";
import { useShortcutModifier } from "@/hooks/use-shortcut-modifier";
import { shortcutLabel } from "@/lib/client/shortcut-keys";
import { FIT, panBy, pinch, wheelFactor, zoomBy, ZOOM_STEP, type View } from "@/lib/view/zoom";

export interface MaskCanvasHandle {
  /** PNG at the image's natural size: opaque white where painted (change), black elsewhere (keep), grey across a feathered edge. */
  exportMask(): Promise<Blob>;
  isEmpty(): boolean;
}

export interface MaskCanvasProps {
  imageUrl: string;
  /** Natural pixel size of the image; the mask is created at exactly this resolution. */
  imageWidth: number;
  imageHeight: number;
  /** Called after every mask edit (and with false when a new image resets the mask). */
  onMaskChange?(hasMask: boolean): void;
  ref?: Ref<MaskCanvasHandle>;
  className?: string;
}

type Tool = "brush" | "eraser";

interface Snapshot {
  alpha: Uint8Array<ArrayBuffer>;
  painted: boolean;
}

/** The mask's source of truth: an offscreen canvas at natural resolution plus its undo history. */
interface Editor {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  history: History<Snapshot>;
}

const MIN_BRUSH = 4;
const MAX_FEATHER = 64;
const MAX_BRUSH = 256;
const TINT = "rgb(139 92 246)"; // violet-500, named by the editor's header (MASK_LEGEND in inpaint-form.tsx)
// Snapshots cost 1 byte per pixel; cap their total so huge images get fewer undo steps instead of OOM.
const SNAPSHOT_BUDGET_BYTES = 128 * 1024 * 1024;

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
const defaultBrushSize = (w: number, h: number) => clamp(Math.round(Math.max(w, h) * 0.04), MIN_BRUSH, MAX_BRUSH);
const historyLimit = (w: number, h: number) => clamp(Math.floor(SNAPSHOT_BUDGET_BYTES / (w * h)), 8, MAX_HISTORY);

function fillCircles(ctx: CanvasRenderingContext2D, points: readonly Point[], radius: number) {
  // One path for the whole batch: far cheaper than a fill per stamp, and same-direction arcs union cleanly.
  ctx.beginPath();
  for (const p of points) {
    ctx.moveTo(p.x + radius, p.y);
    ctx.arc(p.x, p.y, radius, 0, Math.PI * 2);
  }
  ctx.fill();
}

/** Where the image sits in the visible canvas's backing store (device pixels). */
function viewContent(view: HTMLCanvasElement, editor: Editor) {
  return containRect({ left: 0, top: 0, width: view.width, height: view.height }, editor);
}

/** Full redraw of the violet overlay from the mask (after resize, undo, clear…); strokes draw incrementally. */
function renderView(view: HTMLCanvasElement | null, editor: Editor | null) {
  const ctx = view?.getContext("2d");
  if (!view || !ctx) return;
  ctx.clearRect(0, 0, view.width, view.height);
  if (!editor) return;
  const c = viewContent(view, editor);
  ctx.drawImage(editor.canvas, c.left, c.top, c.width, c.height);
  ctx.globalCompositeOperation = "source-in";
  ctx.fillStyle = TINT;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.globalCompositeOperation = "source-over";
}

function restore(editor: Editor, snapshot: Snapshot) {
  editor.ctx.putImageData(new ImageData(alphaToCoverageRgba(snapshot.alpha), editor.width, editor.height), 0, 0);
}

/** Typing in a field (e.g. the exact-value box) must keep its native keys, including Ctrl+Z. */
function isTextEntry(target: EventTarget): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type !== "range") ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function MaskCanvas({ imageUrl, imageWidth, imageHeight, onMaskChange, ref, className }: MaskCanvasProps) {
  const uid = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<HTMLCanvasElement>(null);
  const cursorRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const strokeRef = useRef<{ pointerId: number; last: Point } | null>(null);
  const pointerRef = useRef<{ x: number; y: number; type: string } | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  /** A drag that moves the view instead of painting (space or middle button held). */
  const panRef = useRef<{ pointerId: number; last: Point } | null>(null);
  /** Fingers on the canvas: two pan and pinch-zoom the view. */
  const touchesRef = useRef(new Map<number, Point>());
  const spaceRef = useRef(false);
  const onMaskChangeRef = useRef(onMaskChange);

  const [tool, setTool] = useState<Tool>("brush");
  const [brushSize, setBrushSize] = useState(() => defaultBrushSize(imageWidth, imageHeight));
  const [opacity, setOpacity] = useState(60);
  const [feather, setFeather] = useState(0);
  const [zoom, setZoom] = useState<View>(FIT);
  /** The canvas's unzoomed width in CSS px, to preview the feather at its size on screen. */
  const [canvasWidth, setCanvasWidth] = useState(0);
  const zoomRef = useRef(zoom);
  const [status, setStatus] = useState({ canUndo: false, canRedo: false, painted: false });
  const [announcement, setAnnouncement] = useState("");
  const modifier = useShortcutModifier();
  const [failedUrl, setFailedUrl] = useState<string | null>(null);

  useEffect(() => {
    onMaskChangeRef.current = onMaskChange;
    zoomRef.current = zoom;
  });

  const publish = (editor: Editor) => {
    const { history } = editor;
    setStatus({ canUndo: history.canUndo, canRedo: history.canRedo, painted: history.current.painted });
    onMaskChangeRef.current?.(history.current.painted);
  };

  // Re-announce identical messages ("Undone" twice) by toggling an invisible trailing space.
  const announce = (message: string) => setAnnouncement((prev) => (prev === message ? `${message}\u00a0` : message));

  // A new image gets a blank mask, fresh history and a brush sized to it.
  useEffect(() => {
    if (!(imageWidth > 0 && imageHeight > 0)) return;
    const canvas = document.createElement("canvas");
    canvas.width = imageWidth;
    canvas.height = imageHeight;
    // CPU-backed: every stroke end reads pixels back for the undo snapshot.
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    const blank: Snapshot = { alpha: new Uint8Array(imageWidth * imageHeight), painted: false };
    const editor: Editor = {
      canvas,
      ctx,
      width: imageWidth,
      height: imageHeight,
      history: new History(blank, historyLimit(imageWidth, imageHeight)),
    };
    editorRef.current = editor;
    strokeRef.current = null;
    setBrushSize(defaultBrushSize(imageWidth, imageHeight));
    setZoom(FIT);
    renderView(viewRef.current, editor);
    publish(editor);
    return () => {
      if (editorRef.current === editor) editorRef.current = null;
    };
    // imageUrl is a dependency on purpose: a new image of the same size still needs a blank mask.
    // publish is left out: it only touches state setters and refs.
  }, [imageUrl, imageWidth, imageHeight]);

  // Keep the overlay's backing store at device resolution so strokes stay crisp at any zoom.
  // A ref callback (not an effect) so the observer follows the canvas if it remounts after a load error.
  const attachView = useCallback((view: HTMLCanvasElement | null) => {
    viewRef.current = view;
    if (!view) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const dpr = window.devicePixelRatio || 1;
      view.width = Math.max(1, Math.round(entry.contentRect.width * dpr));
      view.height = Math.max(1, Math.round(entry.contentRect.height * dpr));
      setCanvasWidth(entry.contentRect.width);
      renderView(view, editorRef.current);
    });
    observer.observe(view);
    return () => {
      observer.disconnect();
      viewRef.current = null;
    };
  }, []);

  const placeCursor = () => {
    const cursor = cursorRef.current;
    const view = viewRef.current;
    const pointer = pointerRef.current;
    const editor = editorRef.current;
    if (!cursor || !view || !editor) return;
    // Touch has no hover and the finger hides the spot anyway.
    if (!pointer || pointer.type === "touch") {
      cursor.style.display = "none";
      return;
    }
    // The cursor sits in the zoomed frame: its own px are scaled with it, the canvas's rect already is.
    const rect = view.getBoundingClientRect();
    const { scale } = zoomRef.current;
    const diameter = (brushSize * displayScale(rect, editor)) / scale;
    cursor.style.display = "block";
    cursor.style.width = `${diameter}px`;
    cursor.style.height = `${diameter}px`;
    cursor.style.transform = `translate(${(pointer.x - rect.left) / scale - diameter / 2}px, ${(pointer.y - rect.top) / scale - diameter / 2}px)`;
  };

  // Resize the preview right away when [ / ] or the slider change the size (or the zoom) under a still pointer.
  useEffect(placeCursor, [brushSize, zoom]);

  /** A client point in the zoomed frame's own (unzoomed) coordinates, where its transform has its origin. */
  const framePoint = (client: Point): Point => {
    const r = frameRef.current!.getBoundingClientRect();
    const z = zoomRef.current;
    return { x: client.x - r.left + z.x, y: client.y - r.top + z.y };
  };

  /** Zooms about the middle of what is visible (buttons and keys). */
  const zoomCentre = (factor: number) => {
    const stage = stageRef.current;
    if (!stage) return;
    const r = stage.getBoundingClientRect();
    const at = framePoint({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    setZoom((z) => zoomBy(z, factor, at));
  };

  // The wheel zooms about the pointer; a non-passive listener keeps the page from scrolling meanwhile.
  useEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const wheel = (e: WheelEvent) => {
      if (!frameRef.current) return;
      e.preventDefault();
      const at = framePoint({ x: e.clientX, y: e.clientY });
      setZoom((z) => zoomBy(z, wheelFactor(e.deltaY), at));
    };
    stage.addEventListener("wheel", wheel, { passive: false });
    return () => stage.removeEventListener("wheel", wheel);
    // framePoint reads refs only.
  }, [failedUrl]);

  const paint = (points: readonly Point[]) => {
    const editor = editorRef.current;
    if (!editor || points.length === 0) return;
    const op: GlobalCompositeOperation = tool === "eraser" ? "destination-out" : "source-over";
    const radius = brushSize / 2;

    editor.ctx.globalCompositeOperation = op;
    editor.ctx.fillStyle = "#fff";
    fillCircles(editor.ctx, points, radius);

    // Mirror the stamps on the overlay in its own scale instead of redrawing the whole mask per move.
    const view = viewRef.current;
    const vctx = view?.getContext("2d");
    if (!view || !vctx) return;
    const c = viewContent(view, editor);
    const scale = c.width / editor.width;
    vctx.save();
    vctx.globalCompositeOperation = op;
    vctx.fillStyle = TINT;
    vctx.setTransform(scale, 0, 0, scale, c.left, c.top);
    fillCircles(vctx, points, radius);
    vctx.restore();
  };

  /** Ends the current stroke (if any) and records it as one undo step. */
  const commitStroke = () => {
    const editor = editorRef.current;
    if (!strokeRef.current || !editor) return;
    strokeRef.current = null;
    const alpha = binaryAlpha(editor.ctx.getImageData(0, 0, editor.width, editor.height).data);
    const snapshot: Snapshot = { alpha, painted: hasPaint(alpha) };
    restore(editor, snapshot);
    renderView(viewRef.current, editor);
    editor.history.push(snapshot);
    publish(editor);
  };

  const apply = (next: Snapshot | undefined, message: string, record: boolean) => {
    const editor = editorRef.current;
    if (!editor || !next) return;
    restore(editor, next);
    renderView(viewRef.current, editor);
    if (record) editor.history.push(next);
    publish(editor);
    announce(message);
  };

  const undo = () => {
    commitStroke();
    apply(editorRef.current?.history.undo(), "Undone", false);
  };

  const redo = () => {
    commitStroke();
    apply(editorRef.current?.history.redo(), "Redone", false);
  };

  const clear = () => {
    commitStroke();
    const editor = editorRef.current;
    if (!editor?.history.current.painted) return;
    apply({ alpha: new Uint8Array(editor.width * editor.height), painted: false }, "Mask cleared", true);
  };

  const invert = () => {
    commitStroke();
    const editor = editorRef.current;
    if (!editor) return;
    const alpha = invertAlpha(editor.history.current.alpha);
    apply({ alpha, painted: hasPaint(alpha) }, "Mask inverted", true);
  };

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => !editorRef.current?.history.current.painted,
      async exportMask() {
        const editor = editorRef.current;
        if (!editor) throw new Error("The mask editor isn't ready yet.");
        const out = document.createElement("canvas");
        out.width = editor.width;
        out.height = editor.height;
        const ctx = out.getContext("2d");
        if (!ctx) throw new Error("Canvas is not available in this browser.");
        const alpha = featherAlpha(editor.history.current.alpha, editor.width, editor.height, feather);
        ctx.putImageData(new ImageData(alphaToMaskRgba(alpha), editor.width, editor.height), 0, 0);
        return new Promise<Blob>((resolve, reject) =>
          out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("Couldn't encode the mask as PNG."))), "image/png"),
        );
      },
    }),
    [feather],
  );

  /** Drops the stroke in progress (a second finger came down: the gesture is a pan, not paint). */
  const abortStroke = () => {
    const editor = editorRef.current;
    if (!strokeRef.current || !editor) return;
    strokeRef.current = null;
    restore(editor, editor.history.current);
    renderView(viewRef.current, editor);
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    const editor = editorRef.current;
    if (!editor) return;
    const client = { x: event.clientX, y: event.clientY };
    if (event.pointerType === "touch") {
      touchesRef.current.set(event.pointerId, client);
      // A second finger turns the touch into a pan/pinch; the first finger's stroke is dropped.
      if (touchesRef.current.size === 2) {
        abortStroke();
        event.currentTarget.setPointerCapture(event.pointerId);
        return;
      }
    }
    // Space + drag or the middle button moves the view.
    if (spaceRef.current || (event.pointerType === "mouse" && event.button === 1)) {
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      rootRef.current?.focus({ preventScroll: true });
      panRef.current = { pointerId: event.pointerId, last: client };
      return;
    }
    // A third finger, or a second pointer while drawing, is ignored rather than starting a competing stroke.
    if (strokeRef.current || touchesRef.current.size > 1) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    // preventDefault suppresses the focus change, but shortcuts need the editor focused.
    rootRef.current?.focus({ preventScroll: true });
    const point = clientToImage({ x: event.clientX, y: event.clientY }, event.currentTarget.getBoundingClientRect(), editor);
    strokeRef.current = { pointerId: event.pointerId, last: point };
    paint([point]);
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const client = { x: event.clientX, y: event.clientY };
    const touches = touchesRef.current;
    const lastTouch = touches.get(event.pointerId);
    if (lastTouch && touches.size === 2) {
      const other = [...touches].find(([id]) => id !== event.pointerId)![1];
      const mid = framePoint({ x: (client.x + other.x) / 2, y: (client.y + other.y) / 2 });
      setZoom((z) => pinch(z, lastTouch, client, other, mid));
      touches.set(event.pointerId, client);
      return;
    }
    if (lastTouch) touches.set(event.pointerId, client);
    const pan = panRef.current;
    if (pan?.pointerId === event.pointerId) {
      // Measured now: the updater runs later, after `last` has moved on.
      const dx = client.x - pan.last.x;
      const dy = client.y - pan.last.y;
      setZoom((z) => panBy(z, dx, dy));
      pan.last = client;
      return;
    }
    pointerRef.current = { x: event.clientX, y: event.clientY, type: event.pointerType };
    placeCursor();
    const stroke = strokeRef.current;
    const editor = editorRef.current;
    if (!stroke || !editor || stroke.pointerId !== event.pointerId) return;
    const native = event.nativeEvent;
    // Coalesced samples keep curves smooth when the browser batches moves into one frame.
    const coalesced = typeof native.getCoalescedEvents === "function" ? native.getCoalescedEvents() : [];
    const samples = coalesced.length > 0 ? coalesced : [native];
    const rect = event.currentTarget.getBoundingClientRect();
    const spacing = stampSpacing(brushSize / 2);
    const points: Point[] = [];
    let last = stroke.last;
    for (const sample of samples) {
      const next = clientToImage({ x: sample.clientX, y: sample.clientY }, rect, editor);
      points.push(...interpolate(last, next, spacing));
      last = next;
    }
    stroke.last = last;
    paint(points);
  };

  const onPointerEnd = (event: PointerEvent<HTMLCanvasElement>) => {
    touchesRef.current.delete(event.pointerId);
    if (panRef.current?.pointerId === event.pointerId) panRef.current = null;
    if (strokeRef.current?.pointerId === event.pointerId) commitStroke();
  };

  const onPointerLeave = () => {
    pointerRef.current = null;
    placeCursor();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTextEntry(event.target)) return;
    const key = event.key.toLowerCase();
    const mod = event.ctrlKey || event.metaKey;
    let handled = true;
    if (key === " " && !(event.target instanceof HTMLButtonElement)) {
      // Held: a drag pans instead of painting.
      spaceRef.current = true;
    } else if (mod && key === "z") {
      if (event.shiftKey) redo();
      else undo();
    } else if (mod && key === "y") {
      redo();
    } else if (mod || event.altKey) {
      handled = false;
    } else if (key === "b") {
      setTool("brush");
      announce("Brush");
    } else if (key === "e") {
      setTool("eraser");
      announce("Eraser");
    } else if (key === "[" || key === "]") {
      // Proportional steps: fine control for small brushes, quick changes for big ones.
      const step = Math.max(2, Math.round(brushSize * 0.15));
      setBrushSize(clamp(brushSize + (key === "]" ? step : -step), MIN_BRUSH, MAX_BRUSH));
    } else if (key === "+" || key === "=") {
      zoomCentre(ZOOM_STEP);
    } else if (key === "-") {
      zoomCentre(1 / ZOOM_STEP);
    } else if (key === "0") {
      setZoom(FIT);
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  };

  const ratio = imageWidth / imageHeight;
  const helpId = `${uid}-help`;

  return (
    <div
      ref={rootRef}
      // Focusable by script/click only, so clicking the canvas makes the shortcuts live without adding a tab stop.
      tabIndex={-1}
      role="group"
      aria-label="Mask editor"
      aria-describedby={helpId}
      onKeyDown={onKeyDown}
      onKeyUp={(event) => {
        if (event.key === " ") spaceRef.current = false;
      }}
      onBlur={() => (spaceRef.current = false)}
      className={cn("flex flex-col gap-3 outline-none", className)}
    >
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-xl border border-zinc-800 bg-zinc-900/60 p-2">
        <div role="group" aria-label="Tool" className="flex items-center gap-1">
          <IconButton
            label="Brush"
            title="Brush (B)"
            aria-keyshortcuts="B"
            aria-pressed={tool === "brush"}
            icon={<BrushIcon />}
            onClick={() => setTool("brush")}
          />
          <IconButton
            label="Eraser"
            title="Eraser (E)"
            aria-keyshortcuts="E"
            aria-pressed={tool === "eraser"}
            icon={<EraserIcon />}
            onClick={() => setTool("eraser")}
          />
        </div>
        <div role="separator" aria-orientation="vertical" className="mb-1 h-6 w-px bg-zinc-800" />
        <div role="group" aria-label="History" className="flex items-center gap-1">
          {/* aria-disabled keeps focus on the button when it becomes unavailable; the handlers no-op. */}
          <IconButton
            label="Undo"
            title={modifier ? `Undo (${shortcutLabel(modifier, "Z")})` : "Undo"}
            aria-keyshortcuts="Control+Z Meta+Z"
            aria-disabled={!status.canUndo}
            icon={<UndoIcon />}
            onClick={undo}
          />
          <IconButton
            label="Redo"
            title={modifier ? `Redo (${shortcutLabel(modifier, "Shift + Z")})` : "Redo"}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
            aria-disabled={!status.canRedo}
            icon={<RedoIcon />}
            onClick={redo}
          />
        </div>
        <div role="separator" aria-orientation="vertical" className="mb-1 h-6 w-px bg-zinc-800" />
        <div role="group" aria-label="Mask" className="flex items-center gap-1">
          <IconButton label="Invert mask" icon={<InvertIcon />} onClick={invert} />
          <IconButton label="Clear mask" aria-disabled={!status.painted} icon={<TrashIcon />} onClick={clear} />
        </div>
        <Slider
          id={`${uid}-size`}
          label="Brush size"
          value={brushSize}
          min={MIN_BRUSH}
          max={MAX_BRUSH}
          onChange={setBrushSize}
          format={(v) => `${v} px`}
          className="w-52"
        />
        <Slider
          id={`${uid}-opacity`}
          label="Mask opacity"
          value={opacity}
          min={10}
          max={100}
          step={5}
          onChange={setOpacity}
          format={(v) => `${v}%`}
          className="w-44"
        />
        <Slider
          id={`${uid}-feather`}
          label="Feather"
          value={feather}
          min={0}
          max={MAX_FEATHER}
          step={2}
          onChange={setFeather}
          format={(v) => (v === 0 ? "Hard edge" : `${v} px`)}
          className="w-44"
        />
        <div role="group" aria-label="Zoom" className="flex items-center gap-1">
          <IconButton label="Zoom out" title="Zoom out (−)" aria-keyshortcuts="-" icon={<span aria-hidden>−</span>} onClick={() => zoomCentre(1 / ZOOM_STEP)} />
          <button
            type="button"
            onClick={() => setZoom(FIT)}
            aria-label="Fit to view"
            title="Fit to view (0)"
            data-testid="mask-zoom"
            className="h-9 w-14 rounded-lg text-xs tabular-nums text-zinc-300 hover:bg-zinc-800 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500/70"
          >
            {Math.round(zoom.scale * 100)}%
          </button>
          <IconButton label="Zoom in" title="Zoom in (+)" aria-keyshortcuts="+" icon={<span aria-hidden>+</span>} onClick={() => zoomCentre(ZOOM_STEP)} />
        </div>
      </div>

      {failedUrl === imageUrl ? (
        <ErrorAlert title="Couldn't load the image" message="Try uploading it again." />
      ) : (
        <div ref={stageRef} className="flex max-h-[70vh] w-full justify-center overflow-hidden rounded-xl bg-zinc-950 ring-1 ring-zinc-800">
          {/*
            Sized to the image's aspect ratio, as wide as fits and at most 70vh tall, so canvas and image align exactly.
            Zoom and pan transform this frame: the canvas's bounding rect moves with it, so a pointer still maps to the right pixel.
          */}
          <div
            ref={frameRef}
            data-testid="mask-frame"
            className="relative origin-top-left bg-zinc-900"
            style={{
              aspectRatio: `${imageWidth} / ${imageHeight}`,
              width: `min(100%, calc(70vh * ${ratio}))`,
              transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`,
            }}
          >
            {/* Plain <img>: user media of arbitrary size that must not be resized or re-encoded by next/image. */}
            <img
              src={imageUrl}
              alt=""
              draggable={false}
              onError={() => setFailedUrl(imageUrl)}
              className="pointer-events-none absolute inset-0 size-full object-contain select-none"
            />
            <canvas
              ref={attachView}
              data-testid="mask-canvas"
              role="img"
              aria-label="Mask overlay: painted areas will be regenerated"
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerEnd}
              onPointerCancel={onPointerEnd}
              onLostPointerCapture={onPointerEnd}
              onPointerLeave={onPointerLeave}
              onContextMenu={(event) => event.preventDefault()}
              // The feather previewed as a blur of the same width on screen; the exported mask is feathered for real.
              style={{ opacity: opacity / 100, filter: feather > 0 && imageWidth > 0 ? `blur(${((feather / 4) * canvasWidth) / imageWidth}px)` : undefined }}
              className="absolute inset-0 size-full cursor-crosshair touch-none"
            />
            <div
              ref={cursorRef}
              aria-hidden="true"
              className="pointer-events-none absolute top-0 left-0 hidden rounded-full border border-white/90 shadow-[0_0_0_1px_rgb(0_0_0/0.6)]"
            />
          </div>
        </div>
      )}

      <p id={helpId} className="text-xs text-zinc-500">
        Paint over what should change.
        {modifier
          ? ` Shortcuts: B brush, E eraser, [ and ] size, ${shortcutLabel(modifier, "Z")} undo, ${shortcutLabel(modifier, "Shift + Z")} redo; wheel or + and − zoom, 0 fits, space + drag (or the middle button) moves the view.`
          : " Pinch to zoom; two fingers move the view."}
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

