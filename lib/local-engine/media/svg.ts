import "server-only";
import type { Ctx } from "./scene";

// Helpers for writing sprite SVG: unique ids, compact numbers, polyline paths.

export const uid = (ctx: Ctx) => `s${ctx.ids++}`;
export const num = (v: number) => (Math.round(v * 100) / 100).toString();

export function pathFrom(points: [number, number][], close?: { bottom: number }): string {
  const parts = points.map(([x, y], i) => `${i ? "L" : "M"}${num(x)},${num(y)}`);
  if (close && points.length) {
    const last = points[points.length - 1]!;
    const first = points[0]!;
    parts.push(`L${num(last[0])},${num(close.bottom)}L${num(first[0])},${num(close.bottom)}Z`);
  }
  return parts.join("");
}
