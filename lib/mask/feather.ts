/**
 * A soft edge for the inpainting mask: the painted area fades out over about `feather` pixels across
 * its border instead of stopping at a hard line, so the model blends the change into what is kept.
 * Two passes of a separable box blur (a tent, close enough to a Gaussian at a fraction of the cost:
 * O(pixels) whatever the radius). 0 returns the mask unchanged.
 */
export function featherAlpha(alpha: Uint8Array, width: number, height: number, feather: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(alpha);
  // Two passes of radius r spread an edge over about 4r + 1 pixels; make that the feather width.
  const radius = Math.round(feather / 4);
  if (radius < 1 || width === 0 || height === 0) return out;
  const tmp = new Float32Array(alpha.length);
  const buf = Float32Array.from(alpha);
  for (let pass = 0; pass < 2; pass++) {
    boxBlur(buf, tmp, width, height, radius, 1, width); // rows
    boxBlur(tmp, buf, height, width, radius, width, 1); // columns
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.round(buf[i]!);
  return out;
}

/**
 * Averages each line of `src` over a window of 2r + 1 samples (edges clamped) into `dst`.
 * `step` walks along a line, `lineStep` from one line to the next.
 */
function boxBlur(src: Float32Array, dst: Float32Array, length: number, lines: number, r: number, step: number, lineStep: number) {
  const window = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    const base = line * lineStep;
    const at = (i: number) => src[base + Math.min(length - 1, Math.max(0, i)) * step]!;
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += at(i);
    for (let i = 0; i < length; i++) {
      dst[base + i * step] = sum / window;
      sum += at(i + r + 1) - at(i - r);
    }
  }
}
