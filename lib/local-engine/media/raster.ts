import "server-only";
import sharp from "sharp";
import { encode } from "./color";
import { offsetAt, type Scene, type Sprite } from "./scene";
import { num } from "./svg";
import { MediaInputError } from "@/lib/system-tools";

/**
 * The scene's smooth field at time t, as raw RGB of fw×fh covering the whole frame.
 * Video renders this for every frame, so the loop avoids allocations and hoists what it can.
 */
export function renderField(scene: Scene, fw: number, fh: number, t = 0): Buffer {
  const out = Buffer.alloc(fw * fh * 3);
  const aspect = scene.width / scene.height;
  const { warp, groundWeight: gw, vignette } = scene;

  const nb = scene.blobs.length;
  const [bx, by, birx, biry, bw, bL, bA, bB] = Array.from({ length: 8 }, () => new Float64Array(nb));
  scene.blobs.forEach((b, k) => {
    const { dx, dy } = offsetAt(b.motion, t);
    bx![k] = b.x + dx;
    by![k] = b.y + dy;
    birx![k] = 1 / (b.rx * b.rx);
    biry![k] = 1 / (b.ry * b.ry);
    bw![k] = b.weight;
    [bL![k], bA![k], bB![k]] = b.color;
  });

  const stops = scene.gradient.stops;
  const ns = stops.length;
  const [sAt, sL, sA, sB] = Array.from({ length: 4 }, () => new Float64Array(ns));
  stops.forEach((st, k) => {
    sAt![k] = st.at;
    [sL![k], sA![k], sB![k]] = st.color;
  });

  const angle = (scene.gradient.angle * Math.PI) / 180;
  const gx = Math.cos(angle);
  const gy = Math.sin(angle);
  // Half the frame's extent along the gradient direction, so the gradient spans it exactly.
  const extent = Math.abs(gx) * aspect + Math.abs(gy);
  const vigNorm = vignette / (aspect * aspect * 0.25 + 0.25);

  // The warp shifts u by a function of the row and v by a function of the column: tabulate both.
  const colU = new Float64Array(fw);
  const colShift = new Float64Array(fw);
  for (let i = 0; i < fw; i++) {
    colU[i] = ((i + 0.5) / fw) * aspect;
    colShift[i] = warp.amp * Math.sin(colU[i]! * warp.f2 + warp.p2 - t * warp.speed * 0.8);
  }

  let o = 0;
  for (let j = 0; j < fh; j++) {
    const v = (j + 0.5) / fh;
    const rowShift = warp.amp * Math.sin(v * warp.f1 + warp.p1 + t * warp.speed);
    const dv = v - 0.5;
    for (let i = 0; i < fw; i++) {
      const u = colU[i]!;
      const wu = u + rowShift;
      const wv = v + colShift[i]!;

      // Gradient: smoothstep between the surrounding stops.
      const s = ((wu - aspect / 2) * gx + (wv - 0.5) * gy) / extent + 0.5;
      let k = 1;
      while (k < ns - 1 && s > sAt![k]!) k++;
      let f = (s - sAt![k - 1]!) / (sAt![k]! - sAt![k - 1]! || 1);
      f = f <= 0 ? 0 : f >= 1 ? 1 : f * f * (3 - 2 * f);
      let L = (sL![k - 1]! + (sL![k]! - sL![k - 1]!) * f) * gw;
      let A = (sA![k - 1]! + (sA![k]! - sA![k - 1]!) * f) * gw;
      let B = (sB![k - 1]! + (sB![k]! - sB![k - 1]!) * f) * gw;
      let sum = gw;

      for (let b = 0; b < nb; b++) {
        const dx = wu - bx![b]!;
        const dy = wv - by![b]!;
        // (1 + q/4)^-4: a bell like exp(-q) with a softer tail, at a fraction of exp's cost.
        const x = 1 + 0.25 * (dx * dx * birx![b]! + dy * dy * biry![b]!);
        const x2 = x * x;
        const w = bw![b]! / (x2 * x2);
        L += bL![b]! * w;
        A += bA![b]! * w;
        B += bB![b]! * w;
        sum += w;
      }

      const du = u - aspect / 2;
      const Lf = (L / sum) * (1 - vigNorm * (du * du + dv * dv));
      const af = A / sum;
      const bf = B / sum;
      // OKLab → linear sRGB (labToLinear in color.ts, inlined).
      const l1 = Lf + 0.3963377774 * af + 0.2158037573 * bf;
      const m1 = Lf - 0.1055613458 * af - 0.0638541728 * bf;
      const s1 = Lf - 0.0894841775 * af - 1.291485548 * bf;
      const l3 = l1 * l1 * l1;
      const m3 = m1 * m1 * m1;
      const s3 = s1 * s1 * s1;
      out[o++] = encode(4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3);
      out[o++] = encode(-1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3);
      out[o++] = encode(-0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3);
    }
  }
  return out;
}

/** Field resolution: the field is smooth, so ~320 px on the long side upscales without visible loss. */
export function fieldSize(width: number, height: number, longSide = 320): { fw: number; fh: number } {
  const k = Math.min(1, longSide / Math.max(width, height));
  return { fw: Math.max(2, Math.round(width * k)), fh: Math.max(2, Math.round(height * k)) };
}

/** One sprite as a standalone SVG document of its own size (video overlays). */
export function spriteSvg(s: Sprite): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}"><defs>${s.defs}</defs>${s.body}</svg>`;
}

/** All sprites placed at time t in one frame-sized SVG (stills). */
function overlaySvg(scene: Scene, t: number): string {
  const groups = scene.sprites.map((s) => {
    const { dx, dy } = offsetAt(s.motion, t);
    return `<g transform="translate(${num(s.x + dx)} ${num(s.y + dy)})">${s.body}</g>`;
  });
  const defs = scene.sprites.map((s) => s.defs).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}"><defs>${defs}</defs>${groups.join("")}</svg>`;
}

/** The scene at time t as raw RGB, width×height. */
export async function renderSceneRaw(scene: Scene, t = 0): Promise<Buffer> {
  const { fw, fh } = fieldSize(scene.width, scene.height);
  const field = renderField(scene, fw, fh, t);
  let img = sharp(field, { raw: { width: fw, height: fh, channels: 3 } }).resize(scene.width, scene.height, { fit: "fill", kernel: "cubic" });
  if (scene.sprites.length) img = img.composite([{ input: Buffer.from(overlaySvg(scene, t)), top: 0, left: 0 }]);
  return img.removeAlpha().raw().toBuffer();
}

const MAX_SIDE = 8192;

export function checkSize(width: number, height: number, what = "Image"): void {
  for (const [name, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_SIDE) {
      throw new MediaInputError(`${what} ${name} must be a whole number from 1 to ${MAX_SIDE}, got ${v}.`);
    }
  }
}

/** Decodes any image sharp reads, upright, scaled and cropped to cover width×height, as raw RGB. */
export async function coverRaw(data: Buffer, width: number, height: number, what = "source image"): Promise<Buffer> {
  try {
    return await sharp(data)
      .autoOrient()
      .resize(width, height, { fit: "cover", position: "centre" })
      .flatten({ background: "#ffffff" })
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (err) {
    throw new MediaInputError(`Could not read the ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
