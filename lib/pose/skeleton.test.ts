import { describe, expect, it } from "vitest";
import { poseSchema } from "./schema";
import {
  KEYPOINT_NAMES,
  LIMBS,
  POSE_COLORS,
  clamp01,
  defaultPose,
  hidePoint,
  showPoint,
  keypointColor,
  limbColor,
  movePoint,
  nearestKeypoint,
  renderPose,
  samePose,
  type Keypoint,
  type KeypointName,
  type Pose,
  type PoseCanvas,
} from "./skeleton";

type Pixel = readonly [number, number, number, number];
const TRANSPARENT: Pixel = [0, 0, 0, 0];

type Shape = { kind: "circle"; x: number; y: number; r: number } | { kind: "ellipse"; x: number; y: number; rx: number; ry: number; rotation: number };
type Op = { kind: "fill"; shapes: Shape[]; color: Pixel } | { kind: "rect"; color: Pixel; x: number; y: number; w: number; h: number };

function parseRgb(style: unknown): Pixel {
  const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(String(style));
  if (!match) throw new Error(`unexpected fillStyle ${String(style)}`);
  return [Number(match[1]), Number(match[2]), Number(match[3]), 255];
}

function inside(shape: Shape, x: number, y: number): boolean {
  const dx = x - shape.x;
  const dy = y - shape.y;
  if (shape.kind === "circle") return Math.hypot(dx, dy) <= shape.r;
  // Rotate the point into the ellipse's own axes.
  const u = dx * Math.cos(shape.rotation) + dy * Math.sin(shape.rotation);
  const v = -dx * Math.sin(shape.rotation) + dy * Math.cos(shape.rotation);
  return (u / shape.rx) ** 2 + (v / shape.ry) ** 2 <= 1;
}

/**
 * A 2D context that records what is drawn and answers the colour at a point with the painter's
 * algorithm (last opaque shape covering it wins), without antialiasing: enough to check geometry and
 * colours without a browser.
 */
class FakeCanvas implements PoseCanvas {
  fillStyle: string | CanvasGradient | CanvasPattern = "rgb(0, 0, 0)";
  ops: Op[] = [];
  private path: Shape[] = [];

  fillRect(x: number, y: number, w: number, h: number) {
    this.ops.push({ kind: "rect", color: parseRgb(this.fillStyle), x, y, w, h });
  }
  clearRect(x: number, y: number, w: number, h: number) {
    this.ops.push({ kind: "rect", color: TRANSPARENT, x, y, w, h });
  }
  beginPath() {
    this.path = [];
  }
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, start: number, end: number) {
    expect([start, end]).toEqual([0, Math.PI * 2]);
    this.path.push({ kind: "ellipse", x, y, rx, ry, rotation });
  }
  arc(x: number, y: number, r: number, start: number, end: number) {
    expect([start, end]).toEqual([0, Math.PI * 2]);
    this.path.push({ kind: "circle", x, y, r });
  }
  fill() {
    this.ops.push({ kind: "fill", shapes: this.path, color: parseRgb(this.fillStyle) });
  }

  pixel(x: number, y: number): Pixel {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const op = this.ops[i]!;
      const hit =
        op.kind === "rect"
          ? x >= op.x && x < op.x + op.w && y >= op.y && y < op.y + op.h
          : op.shapes.some((shape) => inside(shape, x, y));
      if (hit) return op.color;
    }
    return TRANSPARENT;
  }
}

const opaque = (rgb: readonly number[]): Pixel => [rgb[0]!, rgb[1]!, rgb[2]!, 255];
const BLACK: Pixel = [0, 0, 0, 255];

/** A pose with only the given keypoints visible. */
function only(points: Partial<Record<KeypointName, Keypoint>>): Pose {
  const pose = {} as Pose;
  for (const name of KEYPOINT_NAMES) pose[name] = points[name] ?? null;
  return pose;
}

describe("the OpenPose body model", () => {
  it("has the 18 COCO keypoints in OpenPose's order", () => {
    expect(KEYPOINT_NAMES).toEqual([
      "nose", "neck",
      "right_shoulder", "right_elbow", "right_wrist",
      "left_shoulder", "left_elbow", "left_wrist",
      "right_hip", "right_knee", "right_ankle",
      "left_hip", "left_knee", "left_ankle",
      "right_eye", "left_eye", "right_ear", "left_ear",
    ]);
  });

  it("has OpenPose's 17 limbs in its drawing order (its limbSeq, 1-based)", () => {
    const limbSeq = [
      [2, 3], [2, 6], [3, 4], [4, 5], [6, 7], [7, 8], [2, 9], [9, 10], [10, 11],
      [2, 12], [12, 13], [13, 14], [2, 1], [1, 15], [15, 17], [1, 16], [16, 18],
    ];
    expect(LIMBS).toEqual(limbSeq.map(([a, b]) => [KEYPOINT_NAMES[a! - 1], KEYPOINT_NAMES[b! - 1]]));
  });

  it("uses controlnet_aux's palette", () => {
    expect(POSE_COLORS).toEqual([
      [255, 0, 0], [255, 85, 0], [255, 170, 0], [255, 255, 0], [170, 255, 0], [85, 255, 0],
      [0, 255, 0], [0, 255, 85], [0, 255, 170], [0, 255, 255], [0, 170, 255], [0, 85, 255],
      [0, 0, 255], [85, 0, 255], [170, 0, 255], [255, 0, 255], [255, 0, 170], [255, 0, 85],
    ]);
    expect(keypointColor("neck")).toEqual([255, 85, 0]);
    expect(keypointColor("left_ear")).toEqual([255, 0, 85]);
  });

  it("dims limb colours to 60 % over black, truncating like int(c * 0.6)", () => {
    expect(limbColor([255, 85, 0])).toEqual([153, 51, 0]);
    expect(limbColor([170, 255, 0])).toEqual([102, 153, 0]);
  });
});

describe("editing", () => {
  const pose = defaultPose(512, 512);

  it("moves one keypoint and leaves the original pose alone", () => {
    const moved = movePoint(pose, "right_wrist", { x: 0.1, y: 0.2 });
    expect(moved.right_wrist).toEqual({ x: 0.1, y: 0.2 });
    expect(moved.left_wrist).toEqual(pose.left_wrist);
    expect(pose.right_wrist).not.toEqual({ x: 0.1, y: 0.2 });
  });

  it("keeps moved keypoints inside the frame", () => {
    expect(movePoint(pose, "nose", { x: -0.3, y: 1.7 }).nose).toEqual({ x: 0, y: 1 });
    expect(clamp01(0.25)).toBe(0.25);
    expect(() => clamp01(Number.NaN)).toThrow(RangeError);
  });

  it("hides a keypoint and shows it again", () => {
    const hidden = hidePoint(pose, "left_ear");
    expect(hidden.left_ear).toBeNull();
    expect(movePoint(hidden, "left_ear", { x: 0.5, y: 0.5 }).left_ear).toEqual({ x: 0.5, y: 0.5 });
  });

  it("shows a hidden keypoint again beside its neighbour, wherever the figure has moved", () => {
    const reference = defaultPose(512, 512);
    // The whole figure shifted 0.1 to the right, then the left ear hidden.
    const shifted = {} as Pose;
    for (const name of KEYPOINT_NAMES) shifted[name] = { x: reference[name]!.x + 0.1, y: reference[name]!.y };
    const shown = showPoint(hidePoint(shifted, "left_ear"), "left_ear", reference);
    expect(shown.left_ear!.x).toBeCloseTo(reference.left_ear!.x + 0.1, 12);
    expect(shown.left_ear!.y).toBeCloseTo(reference.left_ear!.y, 12);
  });

  it("uses the reference position when no neighbour is visible, and stays in the frame", () => {
    const reference = defaultPose(512, 512);
    expect(showPoint(only({}), "left_ear", reference).left_ear).toEqual(reference.left_ear);
    const nearEdge = only({ left_eye: { x: 0.995, y: 0.5 } });
    expect(showPoint(nearEdge, "left_ear", reference).left_ear!.x).toBe(1);
  });

  it("compares poses by value", () => {
    expect(samePose(pose, defaultPose(512, 512))).toBe(true);
    expect(samePose(pose, movePoint(pose, "nose", { x: 0.5, y: 0.5 }))).toBe(false);
    expect(samePose(pose, hidePoint(pose, "nose"))).toBe(false);
    expect(samePose(hidePoint(pose, "nose"), hidePoint(pose, "nose"))).toBe(true);
  });
});

describe("defaultPose", () => {
  const inPixels = (pose: Pose, name: KeypointName, width: number, height: number) => {
    const p = pose[name]!;
    return { x: p.x * width, y: p.y * height };
  };
  // Nose to the lower ankle, and shoulder to shoulder, in pixels.
  const measure = (width: number, height: number) => {
    const pose = defaultPose(width, height);
    const px = (name: KeypointName) => inPixels(pose, name, width, height);
    return {
      pose,
      height: Math.max(px("left_ankle").y, px("right_ankle").y) - px("right_eye").y,
      shoulders: px("left_shoulder").x - px("right_shoulder").x,
    };
  };

  it("is a valid pose facing the viewer: right side on the image's left, head above feet", () => {
    const { pose } = measure(512, 512);
    expect(poseSchema.parse(pose)).toEqual(pose);
    expect(pose.right_shoulder!.x).toBeLessThan(pose.left_shoulder!.x);
    expect(pose.right_hip!.x).toBeLessThan(pose.left_hip!.x);
    expect(pose.nose!.y).toBeLessThan(pose.neck!.y);
    expect(pose.neck!.y).toBeLessThan(pose.right_hip!.y);
    expect(pose.right_hip!.y).toBeLessThan(pose.right_knee!.y);
    expect(pose.right_knee!.y).toBeLessThan(pose.right_ankle!.y);
  });

  it("spans 80 % of the frame's height, centred, and keeps its proportions at any aspect ratio", () => {
    const square = measure(512, 512);
    expect(square.height).toBeCloseTo(0.8 * 512, 6);
    const top = square.pose.right_eye!.y;
    const bottom = Math.max(square.pose.left_ankle!.y, square.pose.right_ankle!.y);
    expect((top + bottom) / 2).toBeCloseTo(0.5, 9);
    for (const [width, height] of [[1024, 576], [576, 1024], [1920, 1080]] as const) {
      const figure = measure(width, height);
      expect(figure.shoulders / figure.height).toBeCloseTo(square.shoulders / square.height, 9);
      expect(figure.height).toBeCloseTo(0.8 * height, 6);
    }
  });

  it("fits a very narrow frame by its width instead", () => {
    const { pose } = measure(100, 1000);
    const xs = KEYPOINT_NAMES.map((name) => pose[name]!.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(0.8, 9);
  });
});

describe("nearestKeypoint", () => {
  const pose = only({ nose: { x: 0.5, y: 0.5 }, neck: { x: 0.5, y: 0.6 } });

  it("finds the nearest visible keypoint within the radius", () => {
    expect(nearestKeypoint(pose, { x: 0.5, y: 0.58 }, 100, 100, 5)).toBe("neck");
    expect(nearestKeypoint(pose, { x: 0.5, y: 0.52 }, 100, 100, 5)).toBe("nose");
    expect(nearestKeypoint(pose, { x: 0.5, y: 0.55 + 0.01 }, 100, 100, 2)).toBeNull();
    expect(nearestKeypoint(hidePoint(pose, "neck"), { x: 0.5, y: 0.6 }, 100, 100, 5)).toBeNull();
  });

  it("measures the radius in pixels, so it means the same across a wide frame", () => {
    // 0.01 of 2000 px is 20 px away; 0.01 of 100 px is 1 px.
    expect(nearestKeypoint(pose, { x: 0.51, y: 0.5 }, 2000, 100, 10)).toBeNull();
    expect(nearestKeypoint(pose, { x: 0.5, y: 0.51 }, 2000, 100, 10)).toBe("nose");
  });
});

describe("renderPose", () => {
  it("draws a limb as a 60 % ellipse over black, 8 px thick per 512 px of the short side", () => {
    const ctx = new FakeCanvas();
    // Neck → right shoulder: limb 0 (red), horizontal, 512 px long in a 1024×1024 map (stroke scale 2).
    renderPose(ctx, only({ neck: { x: 0.25, y: 0.5 }, right_shoulder: { x: 0.75, y: 0.5 } }), 1024, 1024);
    expect(ctx.pixel(512, 512)).toEqual([153, 0, 0, 255]);
    expect(ctx.pixel(512, 512 + 7.5)).toEqual([153, 0, 0, 255]);
    expect(ctx.pixel(512, 512 + 8.5)).toEqual(BLACK);
    expect(ctx.pixel(512, 512 - 8.5)).toEqual(BLACK);
    expect(ctx.pixel(1, 1)).toEqual(BLACK);
    expect(ctx.pixel(1023, 1023)).toEqual(BLACK);
  });

  it("draws keypoints over limbs in full colour, radius 4 px per 512 px of the short side", () => {
    const ctx = new FakeCanvas();
    renderPose(ctx, only({ neck: { x: 0.25, y: 0.5 }, right_shoulder: { x: 0.75, y: 0.5 } }), 1024, 1024);
    expect(ctx.pixel(256, 512)).toEqual(opaque(keypointColor("neck")));
    expect(ctx.pixel(256 + 7.5, 512)).toEqual(opaque(keypointColor("neck")));
    expect(ctx.pixel(256 + 8.5, 512)).toEqual([153, 0, 0, 255]);
    expect(ctx.pixel(768, 512 + 7.5)).toEqual(opaque(keypointColor("right_shoulder")));
    expect(ctx.pixel(256, 512 + 8.5)).toEqual(BLACK);
  });

  it("maps normalised coordinates onto a non-square frame and scales strokes by its short side", () => {
    const ctx = new FakeCanvas();
    // 800×400: limb from (200, 200) to (600, 200); half-width 4 × 400/512 = 3.125 px.
    renderPose(ctx, only({ neck: { x: 0.25, y: 0.5 }, right_shoulder: { x: 0.75, y: 0.5 } }), 800, 400);
    expect(ctx.pixel(400, 203)).toEqual([153, 0, 0, 255]);
    expect(ctx.pixel(400, 203.5)).toEqual(BLACK);
    expect(ctx.pixel(590, 200)).toEqual([153, 0, 0, 255]);
    expect(ctx.pixel(600, 200)).toEqual(opaque(keypointColor("right_shoulder")));
    expect(ctx.pixel(604, 200)).toEqual(BLACK);
  });

  it("turns each ellipse along its limb", () => {
    const ctx = new FakeCanvas();
    // Right shoulder → right elbow (limb 2, orange), diagonal from (100, 100) to (400, 400) in 512×512.
    renderPose(ctx, only({ right_shoulder: { x: 100 / 512, y: 100 / 512 }, right_elbow: { x: 400 / 512, y: 400 / 512 } }), 512, 512);
    const limb = opaque(limbColor(POSE_COLORS[2]!));
    expect(ctx.pixel(150, 150)).toEqual(limb);
    expect(ctx.pixel(350, 350)).toEqual(limb);
    // 5 px off the line, perpendicular: outside the 4 px half-width.
    const off = 5 / Math.SQRT2;
    expect(ctx.pixel(250 + off, 250 - off)).toEqual(BLACK);
    expect(ctx.pixel(250 + 3 / Math.SQRT2, 250 - 3 / Math.SQRT2)).toEqual(limb);
  });

  it("lets a later limb cover an earlier one instead of blending, as cv2.fillConvexPoly does", () => {
    const ctx = new FakeCanvas();
    // Limbs 0 (neck → right shoulder) and 1 (neck → left shoulder) on top of each other.
    renderPose(ctx, only({ neck: { x: 0.2, y: 0.5 }, right_shoulder: { x: 0.8, y: 0.5 }, left_shoulder: { x: 0.8, y: 0.5 } }), 512, 512);
    expect(ctx.pixel(256, 256)).toEqual(opaque(limbColor(POSE_COLORS[1]!)));
  });

  it("skips limbs with a missing end and draws the remaining keypoint", () => {
    const ctx = new FakeCanvas();
    renderPose(ctx, only({ neck: { x: 0.25, y: 0.5 } }), 1024, 1024);
    expect(ctx.pixel(512, 512)).toEqual(BLACK);
    expect(ctx.pixel(256, 512)).toEqual(opaque(keypointColor("neck")));
  });

  it("draws every limb of the default figure in its own colour", () => {
    const ctx = new FakeCanvas();
    const pose = defaultPose(1024, 1024);
    renderPose(ctx, pose, 1024, 1024);
    // A point a third of the way along each limb: clear of the keypoint circles at its ends.
    LIMBS.forEach(([from, to], i) => {
      const [a, b] = [pose[from]!, pose[to]!];
      const [x, y] = [(a.x + (b.x - a.x) / 3) * 1024, (a.y + (b.y - a.y) / 3) * 1024];
      expect({ limb: `${from}-${to}`, color: ctx.pixel(x, y) }).toEqual({ limb: `${from}-${to}`, color: opaque(limbColor(POSE_COLORS[i]!)) });
    });
    KEYPOINT_NAMES.forEach((name, i) => {
      const p = pose[name]!;
      expect({ name, color: ctx.pixel(p.x * 1024, p.y * 1024) }).toEqual({ name, color: opaque(POSE_COLORS[i]!) });
    });
  });

  it("leaves the background transparent when asked, for previews over a photo", () => {
    const ctx = new FakeCanvas();
    ctx.fillRect(0, 0, 10, 10); // a stale frame that must be cleared
    renderPose(ctx, only({ neck: { x: 0.5, y: 0.5 } }), 512, 512, { background: false });
    expect(ctx.pixel(1, 1)).toEqual(TRANSPARENT);
    expect(ctx.pixel(256, 256)).toEqual(opaque(keypointColor("neck")));
  });
});

describe("poseSchema", () => {
  const pose = defaultPose(512, 512);

  it("accepts a pose with hidden keypoints", () => {
    expect(poseSchema.parse(hidePoint(pose, "left_ear")).left_ear).toBeNull();
  });

  it("refuses a missing keypoint, an unknown one, and coordinates outside the frame", () => {
    const { nose: _nose, ...withoutNose } = pose;
    expect(poseSchema.safeParse(withoutNose).success).toBe(false);
    expect(poseSchema.safeParse({ ...pose, tail: { x: 0, y: 0 } }).success).toBe(false);
    expect(poseSchema.safeParse({ ...pose, nose: { x: 1.01, y: 0.5 } }).success).toBe(false);
    expect(poseSchema.safeParse({ ...pose, nose: { x: 0.5, y: -0.01 } }).success).toBe(false);
  });
});
