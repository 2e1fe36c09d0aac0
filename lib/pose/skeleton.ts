/**
 * The OpenPose body model (18 COCO keypoints) and its control-map drawing, as ControlNet's
 * preprocessors draw it (controlnet_aux `draw_bodypose`): limbs as filled ellipses in their colour
 * at 60 % over black, then keypoints as filled circles in full colour. Coordinates are normalised
 * (0..1 of the frame's width and height) so one pose renders at any output size.
 * Pure TypeScript with no DOM access: safe in client components and unit-tested in node.
 */
/** OpenPose's order: index i here is keypoint i + 1 in the original 1-based limb table. */
export const KEYPOINT_NAMES = [
  "nose",
  "neck",
  "right_shoulder",
  "right_elbow",
  "right_wrist",
  "left_shoulder",
  "left_elbow",
  "left_wrist",
  "right_hip",
  "right_knee",
  "right_ankle",
  "left_hip",
  "left_knee",
  "left_ankle",
  "right_eye",
  "left_eye",
  "right_ear",
  "left_ear",
] as const;

export type KeypointName = (typeof KEYPOINT_NAMES)[number];

/** Position in the frame: x from the left edge, y from the top, both 0..1. */
export interface Keypoint {
  x: number;
  y: number;
}

/** One person. null marks a keypoint that isn't visible: its limbs are not drawn, as in OpenPose. */
export type Pose = Record<KeypointName, Keypoint | null>;

/** The 17 limbs, in OpenPose's drawing order (limb i takes colour i). */
export const LIMBS: readonly (readonly [KeypointName, KeypointName])[] = [
  ["neck", "right_shoulder"],
  ["neck", "left_shoulder"],
  ["right_shoulder", "right_elbow"],
  ["right_elbow", "right_wrist"],
  ["left_shoulder", "left_elbow"],
  ["left_elbow", "left_wrist"],
  ["neck", "right_hip"],
  ["right_hip", "right_knee"],
  ["right_knee", "right_ankle"],
  ["neck", "left_hip"],
  ["left_hip", "left_knee"],
  ["left_knee", "left_ankle"],
  ["neck", "nose"],
  ["nose", "right_eye"],
  ["right_eye", "right_ear"],
  ["nose", "left_eye"],
  ["left_eye", "left_ear"],
];

export type Rgb = readonly [number, number, number];

/** OpenPose's palette: keypoint i and limb i are drawn in colour i (limbs use the first 17). */
export const POSE_COLORS: readonly Rgb[] = [
  [255, 0, 0],
  [255, 85, 0],
  [255, 170, 0],
  [255, 255, 0],
  [170, 255, 0],
  [85, 255, 0],
  [0, 255, 0],
  [0, 255, 85],
  [0, 255, 170],
  [0, 255, 255],
  [0, 170, 255],
  [0, 85, 255],
  [0, 0, 255],
  [85, 0, 255],
  [170, 0, 255],
  [255, 0, 255],
  [255, 0, 170],
  [255, 0, 85],
];

/** Limbs are drawn at 60 % over black; controlnet_aux truncates each channel (`int(c * 0.6)`). */
export const LIMB_OPACITY = 0.6;
export const limbColor = (rgb: Rgb): Rgb => [
  Math.floor(rgb[0] * LIMB_OPACITY),
  Math.floor(rgb[1] * LIMB_OPACITY),
  Math.floor(rgb[2] * LIMB_OPACITY),
];

export const keypointColor = (name: KeypointName): Rgb => POSE_COLORS[KEYPOINT_NAMES.indexOf(name)] as Rgb;
export const cssRgb = ([r, g, b]: Rgb): string => `rgb(${r}, ${g}, ${b})`;

/**
 * The detectors draw 4 px limb half-widths and keypoint radii on a map whose short side is 512 px
 * (their detect resolution) and the pipeline then resizes it; scaling by the short side keeps a map
 * rendered directly at the output size looking the same.
 */
export const REFERENCE_SHORT_SIDE = 512;
export const STICK_HALF_WIDTH = 4;
export const KEYPOINT_RADIUS = 4;
export const strokeScale = (width: number, height: number): number => Math.min(width, height) / REFERENCE_SHORT_SIDE;

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`A pose coordinate must be a finite number, got ${value}`);
  return Math.min(1, Math.max(0, value));
}

export const clampPoint = (point: Keypoint): Keypoint => ({ x: clamp01(point.x), y: clamp01(point.y) });

/** A copy of `pose` with `name` at `to`, kept inside the frame. */
export function movePoint(pose: Pose, name: KeypointName, to: Keypoint): Pose {
  return { ...pose, [name]: clampPoint(to) };
}

/** A copy of `pose` with `name` marked not visible. */
export function hidePoint(pose: Pose, name: KeypointName): Pose {
  return { ...pose, [name]: null };
}

/**
 * A copy of `pose` with hidden `name` shown again: beside a visible neighbour (the other end of one
 * of its limbs), at the offset it has from that neighbour in `reference`, so an ear comes back next
 * to its eye wherever the figure now stands; where `reference` has it if no neighbour is visible.
 */
export function showPoint(pose: Pose, name: KeypointName, reference: Pose): Pose {
  const own = reference[name];
  if (!own) throw new RangeError(`The reference pose has no ${name} to show`);
  for (const [a, b] of LIMBS) {
    if (a !== name && b !== name) continue;
    const neighbour = a === name ? b : a;
    const here = pose[neighbour];
    const there = reference[neighbour];
    if (here && there) return movePoint(pose, name, { x: here.x + own.x - there.x, y: here.y + own.y - there.y });
  }
  return movePoint(pose, name, own);
}

export function samePose(a: Pose, b: Pose): boolean {
  return KEYPOINT_NAMES.every((name) => {
    const p = a[name];
    const q = b[name];
    return p === null || q === null ? p === q : p.x === q.x && p.y === q.y;
  });
}

/**
 * A person standing facing the viewer (so their right side is on the image's left), in pixels of a
 * 512×512 frame; the default pose fits it to the actual frame without distorting it.
 */
const STANDING: Record<KeypointName, readonly [number, number]> = {
  nose: [241, 77],
  neck: [241, 120],
  right_shoulder: [191, 118],
  right_elbow: [177, 183],
  right_wrist: [163, 252],
  left_shoulder: [298, 118],
  left_elbow: [317, 182],
  left_wrist: [332, 245],
  right_hip: [225, 241],
  right_knee: [213, 359],
  right_ankle: [215, 454],
  left_hip: [270, 240],
  left_knee: [282, 360],
  left_ankle: [286, 456],
  right_eye: [232, 59],
  left_eye: [253, 60],
  right_ear: [225, 70],
  left_ear: [260, 72],
};

/** Share of the frame's height (or width, if narrower) the default figure spans. */
const DEFAULT_FIGURE_SPAN = 0.8;

/** The standing figure centred in a `width`×`height` frame, true to its proportions at any aspect ratio. */
export function defaultPose(width: number, height: number): Pose {
  if (!(width > 0 && height > 0)) throw new RangeError(`The frame must have a positive size, got ${width}×${height}`);
  const points = Object.values(STANDING);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = DEFAULT_FIGURE_SPAN * Math.min(height / (maxY - minY), width / (maxX - minX));
  const [midX, midY] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const pose = {} as Pose;
  for (const name of KEYPOINT_NAMES) {
    const [x, y] = STANDING[name];
    pose[name] = { x: 0.5 + ((x - midX) * scale) / width, y: 0.5 + ((y - midY) * scale) / height };
  }
  return pose;
}

/**
 * The visible keypoint nearest to `target` (normalised) within `radius` pixels of a `width`×`height`
 * frame, or null. Distances are measured in pixels so a hit radius means the same on wide frames.
 */
export function nearestKeypoint(
  pose: Pose,
  target: Keypoint,
  width: number,
  height: number,
  radius: number,
): KeypointName | null {
  let best: KeypointName | null = null;
  let bestDistance = radius;
  for (const name of KEYPOINT_NAMES) {
    const p = pose[name];
    if (!p) continue;
    const distance = Math.hypot((p.x - target.x) * width, (p.y - target.y) * height);
    if (distance <= bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** What renderPose needs of a 2D context; CanvasRenderingContext2D and OffscreenCanvasRenderingContext2D both fit. */
export type PoseCanvas = Pick<
  CanvasRenderingContext2D,
  "fillStyle" | "fillRect" | "clearRect" | "beginPath" | "ellipse" | "arc" | "fill"
>;

export interface RenderPoseOptions {
  /** Fill the frame black first, as a control map must be (default). false leaves it transparent, for previews over a photo. */
  background?: boolean;
}

/** Draws `pose` as an OpenPose control map filling (0, 0)–(width, height) of `ctx`. */
export function renderPose(ctx: PoseCanvas, pose: Pose, width: number, height: number, options: RenderPoseOptions = {}): void {
  if (options.background ?? true) {
    ctx.fillStyle = "rgb(0, 0, 0)";
    ctx.fillRect(0, 0, width, height);
  } else {
    ctx.clearRect(0, 0, width, height);
  }
  const scale = strokeScale(width, height);

  // Opaque pre-dimmed colours rather than globalAlpha: where limbs overlap the later one wins, as
  // with cv2.fillConvexPoly, instead of blending.
  LIMBS.forEach(([from, to], i) => {
    const a = pose[from];
    const b = pose[to];
    if (!a || !b) return;
    const [ax, ay, bx, by] = [a.x * width, a.y * height, b.x * width, b.y * height];
    ctx.fillStyle = cssRgb(limbColor(POSE_COLORS[i] as Rgb));
    ctx.beginPath();
    ctx.ellipse(
      (ax + bx) / 2,
      (ay + by) / 2,
      Math.hypot(bx - ax, by - ay) / 2,
      STICK_HALF_WIDTH * scale,
      Math.atan2(by - ay, bx - ax),
      0,
      Math.PI * 2,
    );
    ctx.fill();
  });

  KEYPOINT_NAMES.forEach((name, i) => {
    const p = pose[name];
    if (!p) return;
    ctx.fillStyle = cssRgb(POSE_COLORS[i] as Rgb);
    ctx.beginPath();
    ctx.arc(p.x * width, p.y * height, KEYPOINT_RADIUS * scale, 0, Math.PI * 2);
    ctx.fill();
  });
}
