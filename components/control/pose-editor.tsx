"use client";

import {
  useCallback,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
} from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { frameFromClient, hitRadius, nudgeFromKey } from "@/lib/pose/input";
import {
  KEYPOINT_NAMES,
  cssRgb,
  defaultPose,
  hidePoint,
  keypointColor,
  movePoint,
  nearestKeypoint,
  renderPose,
  showPoint,
  type Keypoint,
  type KeypointName,
  type Pose,
} from "@/lib/pose/skeleton";

export interface PoseEditorHandle {
  /** The current pose as a `width`×`height` OpenPose control map (PNG). */
  exportMap(): Promise<Blob>;
}

export interface PoseEditorProps {
  /** Size of the control map in pixels; the editor takes its aspect ratio. */
  width: number;
  height: number;
  /** A photo shown faintly behind the skeleton, stretched to the frame so normalised coordinates line up with it. */
  referenceUrl?: string;
  ref?: Ref<PoseEditorHandle>;
}

/** "right_elbow" → "Right elbow": left and right are the person's own. */
const jointLabel = (name: KeypointName) => {
  const words = name.replace("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const percent = (n: number) => `${Math.round(n * 100)}%`;
const describeJoint = (name: KeypointName, p: Keypoint) => `${jointLabel(name)} at ${percent(p.x)} across, ${percent(p.y)} down`;

interface Drag {
  pointerId: number;
  name: KeypointName;
  /** Joint minus pointer at grab time, so the joint doesn't jump under the pointer's exact spot. */
  offset: Keypoint;
}

export function PoseEditor({ width, height, referenceUrl, ref }: PoseEditorProps) {
  const uid = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const dragRef = useRef<Drag | null>(null);
  // Element to focus once the next render is on screen (a joint after showing it, its Show button after hiding it).
  const focusAfterRender = useRef<string | null>(null);

  const [pose, setPose] = useState<Pose>(() => defaultPose(width, height));
  const [dragging, setDragging] = useState<KeypointName | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const poseRef = useRef(pose);

  const draw = () => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (canvas && ctx) renderPose(ctx, poseRef.current, canvas.width, canvas.height, { background: false });
  };

  // Layout effect: the canvas must change in the same frame as the joint handles (DOM) it sits under.
  useLayoutEffect(() => {
    poseRef.current = pose;
    draw();
    const selector = focusAfterRender.current;
    focusAfterRender.current = null;
    if (selector) rootRef.current?.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
  }, [pose]);

  // Backing store at device resolution so the preview stays crisp; the map itself is drawn at `width`×`height`.
  const attachCanvas = useCallback((canvas: HTMLCanvasElement | null) => {
    canvasRef.current = canvas;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(entry.contentRect.width * dpr));
      canvas.height = Math.max(1, Math.round(entry.contentRect.height * dpr));
      draw();
    });
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      canvasRef.current = null;
    };
    // draw reads only refs.
  }, []);

  // The map is drawn on submit; its size check reads the model catalog (zod), so it loads then.
  useImperativeHandle(ref, () => ({ exportMap: async () => (await import("./pose-map")).renderPoseMap(poseRef.current, width, height) }), [width, height]);

  // Re-announce identical messages by toggling an invisible trailing space.
  const announce = (message: string) => setAnnouncement((prev) => (prev === message ? `${message}\u00a0` : message));

  const jointSelector = (name: KeypointName) => `[data-joint="${name}"]`;
  const showSelector = (name: KeypointName) => `[data-show-joint="${name}"]`;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    // A second finger while dragging is ignored rather than grabbing a competing joint.
    if (dragRef.current) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const at = frameFromClient({ x: event.clientX, y: event.clientY }, rect);
    if (!at) return;
    // The nearest joint, so overlapping handles (eyes, ears) resolve by distance; else the handle pressed.
    const pressed = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("[data-joint]")?.dataset.joint : undefined;
    const name = nearestKeypoint(pose, at, rect.width, rect.height, hitRadius(event.pointerType)) ?? (pressed as KeypointName | undefined);
    const joint = name && pose[name];
    if (!name || !joint) return;
    // No text selection, image drag or emulated mouse events; focus is set explicitly so arrow keys follow.
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    dragRef.current = { pointerId: event.pointerId, name, offset: { x: joint.x - at.x, y: joint.y - at.y } };
    setDragging(name);
    rootRef.current?.querySelector<HTMLElement>(jointSelector(name))?.focus({ preventScroll: true });
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const at = frameFromClient({ x: event.clientX, y: event.clientY }, event.currentTarget.getBoundingClientRect());
    if (at) setPose(movePoint(pose, drag.name, { x: at.x + drag.offset.x, y: at.y + drag.offset.y }));
  };

  const onPointerEnd = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    setDragging(null);
    const joint = pose[drag.name];
    if (joint) announce(describeJoint(drag.name, joint));
  };

  const onJointKeyDown = (event: KeyboardEvent<HTMLButtonElement>, name: KeypointName) => {
    const joint = pose[name];
    if (!joint) return;
    const nudge = nudgeFromKey(event.key, event.shiftKey);
    if (nudge && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault(); // arrows would scroll the page
      const next = movePoint(pose, name, { x: joint.x + nudge.dx, y: joint.y + nudge.dy });
      setPose(next);
      announce(describeJoint(name, next[name] ?? joint));
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      focusAfterRender.current = showSelector(name);
      setPose(hidePoint(pose, name));
      announce(`${jointLabel(name)} hidden`);
    }
  };

  const show = (name: KeypointName) => {
    focusAfterRender.current = jointSelector(name);
    const next = showPoint(pose, name, defaultPose(width, height));
    setPose(next);
    announce(`${jointLabel(name)} shown`);
  };

  const reset = () => {
    setPose(defaultPose(width, height));
    announce("Reset to the standing figure");
  };

  const hidden = KEYPOINT_NAMES.filter((name) => !pose[name]);
  const ratio = width / height;
  const helpId = `${uid}-help`;
  const referenceShown = referenceUrl && failedUrl !== referenceUrl;

  return (
    <div
      ref={rootRef}
      role="group"
      aria-label="Pose editor"
      aria-describedby={helpId}
      data-testid="pose-editor"
      className="flex flex-col gap-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button variant="secondary" size="sm" onClick={reset}>
          Reset
        </Button>
        <Badge>
          Pose map {width}×{height}
        </Badge>
      </div>

      <div className="flex w-full justify-center rounded-xl bg-zinc-950 p-3 ring-1 ring-zinc-800">
        {/* The frame has the map's aspect ratio, as wide as fits and at most 70vh tall, so normalised coordinates map straight onto it. */}
        <div
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onLostPointerCapture={onPointerEnd}
          onContextMenu={(event) => event.preventDefault()}
          className={cn("relative touch-none bg-black select-none", dragging ? "cursor-grabbing" : "cursor-default")}
          style={{ aspectRatio: `${width} / ${height}`, width: `min(100%, calc(70vh * ${ratio}))` }}
        >
          {referenceShown && (
            // Plain <img>: user media that must not be resized or re-encoded by next/image.
            <img
              src={referenceUrl}
              alt=""
              draggable={false}
              onError={() => setFailedUrl(referenceUrl)}
              className="pointer-events-none absolute inset-0 size-full object-fill opacity-40"
            />
          )}
          <canvas ref={attachCanvas} aria-hidden="true" className="pointer-events-none absolute inset-0 size-full" />
          {KEYPOINT_NAMES.map((name) => {
            const joint = pose[name];
            if (!joint) return null;
            const label = jointLabel(name);
            return (
              <button
                key={name}
                type="button"
                data-joint={name}
                aria-label={label}
                aria-describedby={helpId}
                title={label}
                onKeyDown={(event) => onJointKeyDown(event, name)}
                className={cn("pose-joint group", dragging === name ? "cursor-grabbing" : "cursor-grab")}
                style={{ left: `${joint.x * 100}%`, top: `${joint.y * 100}%` }}
              >
                <span
                  aria-hidden="true"
                  className={cn("pose-dot", dragging === name && "scale-150 ring-violet-300")}
                  style={{ backgroundColor: cssRgb(keypointColor(name)) }}
                />
              </button>
            );
          })}
        </div>
      </div>

      {hidden.length > 0 && (
        <div role="group" aria-label="Hidden joints" className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-zinc-500">Hidden:</span>
          {hidden.map((name) => (
            <Button
              key={name}
              variant="ghost"
              size="sm"
              data-show-joint={name}
              aria-label={`Show ${jointLabel(name).toLowerCase()}`}
              onClick={() => show(name)}
            >
              + {jointLabel(name)}
            </Button>
          ))}
        </div>
      )}

      {referenceUrl && failedUrl === referenceUrl && <p className="text-xs text-rose-400">Couldn&apos;t load the reference photo.</p>}
      <p id={helpId} className="text-xs text-zinc-500">
        Drag the joints, or Tab to one and move it with the arrow keys (Shift moves further); Delete hides it. Left and
        right are the person&apos;s own.
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
