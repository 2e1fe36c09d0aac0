/**
 * The image formats the studio reads, told apart by their first bytes, never by a declared type or
 * a name. Anything else (SVG above all: it is a program that can pull in other images and run
 * filters for minutes, whatever size its header declares) never reaches a decoder.
 */
export const RASTER_FORMATS = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" } as const;
export type RasterFormat = keyof typeof RASTER_FORMATS;

/** How many leading bytes sniffRaster needs. */
export const SNIFF_BYTES = 12;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function sniffRaster(head: Uint8Array): RasterFormat | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  return undefined;
}

export const RASTER_LABEL = "a PNG, JPEG, WebP or GIF image";
