import { median, summarise, type Summary } from "./stats";

/**
 * The table: one row per measure, Studio beside the anchor (median and spread of the
 * runs), their ratio (the median of the per-round ratios, each round having run both apps back to
 * back), the target and whether it is met.
 */
export type Row = { measure: string; studio: string; anchor: string; ratio: string; target: string; pass: boolean };
export type Target = { at: "most" | "least"; value: number; label?: string };

const spread = (s: Summary, digits: number) => (s.runs > 1 ? ` (${s.lo.toFixed(digits)}–${s.hi.toFixed(digits)})` : "");

/** "5.5 (5.1–6.0) ms"; a ratio reads "1.33× (1.2–1.4)". */
export function show(samples: readonly number[], unit: string, digits = 0): string {
  const s = summarise(samples);
  if (unit === "×") return `${s.median.toFixed(digits)}×${spread(s, digits)}`;
  return `${s.median.toFixed(digits)}${spread(s, digits)} ${unit}`.trimEnd();
}

export const meets = (value: number, target: Target) => (target.at === "most" ? value <= target.value : value >= target.value);

const targetText = (t: Target, suffix: string) => t.label ?? `${t.at === "most" ? "≤" : "≥"} ${t.value}${suffix}`;

/** A row comparing paired samples of the two apps; the target is on their ratio. */
export function pairedRow(measure: string, studio: readonly number[], anchor: readonly number[], unit: string, target: Target, digits = 0): Row {
  if (studio.length !== anchor.length) throw new Error(`${measure}: ${studio.length} studio runs against ${anchor.length} anchor runs`);
  const ratios = studio.map((s, i) => s / anchor[i]!);
  const ratio = median(ratios);
  return { measure, studio: show(studio, unit, digits), anchor: show(anchor, unit, digits), ratio: show(ratios, "×", 2), target: targetText(target, "×"), pass: meets(ratio, target) };
}

/** A row whose target is on the studio's own figure (absolute, or against a reference of its own). */
export function ownRow(measure: string, studio: string, anchor: string, ratio: string, value: number, target: Target, unit: string): Row {
  return { measure, studio, anchor, ratio, target: targetText(target, unit), pass: meets(value, target) };
}

export function markdown(rows: readonly Row[]): string {
  const lines = ["| measure | Studio | anchor | ratio | target | |", "|---|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${r.measure} | ${r.studio} | ${r.anchor} | ${r.ratio} | ${r.target} | ${r.pass ? "pass" : "**fail**"} |`);
  return lines.join("\n");
}
