import "server-only";
import type Sharp from "sharp";

/**
 * sharp, loaded on first use: libvips is ~7 MB resident and ~50 ms to load, and the modules every
 * page imports (the media store, through its probe) touch images only when a file is stored.
 * Modules that exist to process images (the local engine's generators) import sharp directly.
 */
let loading: Promise<typeof Sharp> | undefined;

export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import("sharp").then((m) => m.default);
  return loading;
}
