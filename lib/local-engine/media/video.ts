import "server-only";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { buildScene } from "./build-scene";
import { between, hashSeed, mulberry32, sign } from "./random";
import { checkSize, coverRaw, fieldSize, renderField, spriteSvg } from "./raster";
import type { Motion, Scene } from "./scene";
import { MediaInputError, requireTool, run, type RunInput } from "@/lib/system-tools";

export type RenderVideoOptions = {
  prompt: string;
  seed: number;
  durationSec: number;
  /** Even numbers: H.264 in yuv420p cannot encode odd sizes. */
  width: number;
  height: number;
  /** Image-to-video: the clip starts on this frame and slowly zooms and pans across it. */
  startImage?: Buffer;
  fps?: number;
  /** Stops ffmpeg (a cancelled job, a shutdown). */
  signal?: AbortSignal;
};

const FEATURE = "Video generation on the local engine";
const TIMEOUT_MS = 120_000;
const MAX_DURATION_SEC = 60;
export const VIDEO_FPS = 24;
/** How many frames a clip of this length has: at least one. */
export const frameCount = (durationSec: number, fps = VIDEO_FPS) => Math.max(1, Math.round(durationSec * fps));
// Field frames are upscaled by ffmpeg; the field is smooth, so 256 px on the long side is plenty.
const FIELD_LONG_SIDE = 256;

/**
 * An H.264 MP4 (yuv420p, faststart) of exactly width×height and round(durationSec × fps) frames.
 * Text-to-video animates the same procedural scene renderImage draws: the colour field swirls
 * and its layers drift (hills with parallax, bobbing orbs, sliding silk lines).
 */
export async function renderVideo(opts: RenderVideoOptions): Promise<Buffer> {
  await requireTool("ffmpeg", FEATURE);
  const fps = opts.fps ?? VIDEO_FPS;
  checkVideo(opts, fps);
  const frames = frameCount(opts.durationSec, fps);
  const dir = await mkdtemp(path.join(tmpdir(), "studio-video-"));
  try {
    const out = path.join(dir, "out.mp4");
    const job = opts.startImage
      ? await kenBurnsJob(opts, opts.startImage, dir, frames, fps)
      : await sceneJob(opts, dir, frames, fps);
    await run("ffmpeg", [...job.args, ...encodeArgs(frames, fps, out)], { timeoutMs: TIMEOUT_MS, input: job.input, signal: opts.signal });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkVideo(opts: RenderVideoOptions, fps: number): void {
  checkSize(opts.width, opts.height, "Video");
  if (opts.width % 2 || opts.height % 2) {
    throw new MediaInputError(`Video width and height must be even, got ${opts.width}×${opts.height}.`);
  }
  if (!Number.isFinite(opts.durationSec) || opts.durationSec <= 0 || opts.durationSec > MAX_DURATION_SEC) {
    throw new MediaInputError(`Video duration must be more than 0 and at most ${MAX_DURATION_SEC} s, got ${opts.durationSec}.`);
  }
  if (!Number.isInteger(fps) || fps < 1 || fps > 60) throw new MediaInputError(`Frame rate must be 1 to 60, got ${fps}.`);
}

type Job = { args: string[]; input?: RunInput };

function encodeArgs(frames: number, fps: number, out: string): string[] {
  return [
    "-frames:v", String(frames),
    "-r", String(fps),
    "-c:v", "libx264",
    "-preset", "veryfast",
    // Smooth gradients band at the default CRF 23.
    "-crf", "19",
    "-pix_fmt", "yuv420p",
    "-movflags", "+faststart",
    "-an",
    "-y", out,
  ];
}

const BASE_ARGS = ["-hide_banner", "-nostdin", "-v", "error"];

/** Field frames stream in raw on stdin; each sprite is a PNG overlaid along its motion path. */
async function sceneJob(opts: RenderVideoOptions, dir: string, frames: number, fps: number): Promise<Job> {
  const scene = buildScene({ ...opts, durationSec: frames / fps });
  const { fw, fh } = fieldSize(scene.width, scene.height, FIELD_LONG_SIDE);
  const input = fieldFrames(scene, fw, fh, frames, fps);

  const spriteInputs: string[] = [];
  const graph = [`[0:v]scale=${scene.width}:${scene.height}:flags=bicubic,format=yuv444p[v0]`];
  for (const [i, sprite] of scene.sprites.entries()) {
    const file = path.join(dir, `sprite-${i}.png`);
    await sharp(Buffer.from(spriteSvg(sprite))).png().toFile(file);
    spriteInputs.push("-i", file);
    const x = motionExpr(sprite.x, sprite.motion, "x");
    const y = motionExpr(sprite.y, sprite.motion, "y");
    // yuv444 keeps 1 px positioning; yuv420 overlays snap to even pixels and stutter.
    graph.push(`[v${i}][${i + 1}:v]overlay=x='${x}':y='${y}':eval=frame:format=yuv444[v${i + 1}]`);
  }
  graph.push(`[v${scene.sprites.length}]format=yuv420p[out]`);
  return {
    args: [
      ...BASE_ARGS,
      "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", `${fw}x${fh}`, "-framerate", String(fps), "-i", "pipe:0",
      ...spriteInputs,
      "-filter_complex", graph.join(";"),
      "-map", "[out]",
    ],
    input,
  };
}

/** Frames are drawn as ffmpeg asks for them, so drawing and encoding overlap on two cores. */
function* fieldFrames(scene: Scene, fw: number, fh: number, frames: number, fps: number): Generator<Buffer> {
  for (let f = 0; f < frames; f++) yield renderField(scene, fw, fh, f / fps);
}

/** ffmpeg expression for offsetAt() in scene.ts: start + drift·t + sway·sin(2π·hz·t + phase). */
function motionExpr(start: number, m: Motion, axis: "x" | "y"): string {
  const v = axis === "x" ? m.vx : m.vy;
  const a = axis === "x" ? m.ax : m.ay;
  const n = (value: number) => `(${value.toFixed(4)})`;
  return `${n(start)}+${n(v)}*t+${n(a)}*sin(${n(2 * Math.PI * m.hz)}*t+${n(m.phase)})`;
}

/**
 * Ken Burns: the first frame is the start image covered to size; from there the view eases into
 * a 12–22 % zoom toward a seeded point. `perspective` resamples with sub-pixel precision, so
 * the motion is smooth where crop/zoompan would step a whole pixel at a time.
 */
async function kenBurnsJob(opts: RenderVideoOptions, image: Buffer, dir: string, frames: number, fps: number): Promise<Job> {
  const { width: W, height: H } = opts;
  const file = path.join(dir, "start.png");
  await sharp(await coverRaw(image, W, H, "start image"), { raw: { width: W, height: H, channels: 3 } }).png().toFile(file);

  const rng = mulberry32(hashSeed("ken-burns", opts.prompt, opts.seed));
  const zoom = between(rng, 0.12, 0.22);
  const [px, py] = [between(rng, 0.3, 0.9) * sign(rng), between(rng, 0, 0.7) * sign(rng)];
  const p = `(in/${Math.max(1, frames - 1)})`;
  const e = `(${p}*${p}*(3-2*${p}))`; // smoothstep: eases in and out
  const cw = `(W/(1+${zoom.toFixed(4)}*${e}))`;
  const ch = `(H/(1+${zoom.toFixed(4)}*${e}))`;
  const left = `(W/2+${px.toFixed(4)}*(W-${cw})/2-${cw}/2)`;
  const top = `(H/2+${py.toFixed(4)}*(H-${ch})/2-${ch}/2)`;
  const [right, bottom] = [`(${left}+${cw})`, `(${top}+${ch})`];
  const corners = [
    `x0='${left}'`, `y0='${top}'`,
    `x1='${right}'`, `y1='${top}'`,
    `x2='${left}'`, `y2='${bottom}'`,
    `x3='${right}'`, `y3='${bottom}'`,
  ].join(":");
  // The still is decoded once and repeated by `loop` rather than re-read for every frame.
  const graph = `[0:v]loop=loop=-1:size=1:start=0,setpts=N/${fps}/TB,perspective=${corners}:interpolation=cubic:eval=frame,format=yuv420p[out]`;
  return { args: [...BASE_ARGS, "-i", file, "-filter_complex", graph, "-map", "[out]"] };
}
