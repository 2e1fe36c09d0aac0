import "server-only";

/** OKLab [L, a, b]: averaging here keeps blends vivid where sRGB averages go muddy. */
export type Lab = readonly [number, number, number];

function oklch(L: number, C: number, hueDeg: number): Lab {
  const h = (hueDeg * Math.PI) / 180;
  return [L, C * Math.cos(h), C * Math.sin(h)];
}

function labToLinear(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

// Linear light → 8-bit sRGB; a table because the field converts every pixel of every frame.
const LUT_SIZE = 4096;
const SRGB_LUT = (() => {
  const lut = new Uint8Array(LUT_SIZE + 1);
  for (let i = 0; i <= LUT_SIZE; i++) {
    const x = i / LUT_SIZE;
    const v = x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
    lut[i] = Math.round(v * 255);
  }
  return lut;
})();

export function encode(x: number): number {
  return SRGB_LUT[x <= 0 ? 0 : x >= 1 ? LUT_SIZE : Math.round(x * LUT_SIZE)]!;
}

/** The colour at lightness L and hue, with chroma reduced until it fits in sRGB. */
export function fit(L: number, C: number, hueDeg: number): Lab {
  let c = C;
  for (;;) {
    const lab = oklch(L, c, hueDeg);
    if (c < 0.004 || labToLinear(...lab).every((v) => v >= 0 && v <= 1)) return lab;
    c *= 0.9;
  }
}

export function mix(x: Lab, y: Lab, t: number): Lab {
  return [x[0] + (y[0] - x[0]) * t, x[1] + (y[1] - x[1]) * t, x[2] + (y[2] - x[2]) * t];
}

export function hex(lab: Lab): string {
  return `#${labToLinear(...lab)
    .map((v) => encode(v).toString(16).padStart(2, "0"))
    .join("")}`;
}
