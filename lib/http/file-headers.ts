import { baseType, MEDIA_TYPES } from "@/lib/media/types";

/**
 * Headers for bytes someone uploaded, served from the studio's own origin (the media store and the
 * local engine's storage). Whatever a file claims to be, it never runs as a page here: the browser
 * may not sniff it into HTML, a sandboxing CSP without scripts applies if it is opened anyway, and
 * anything that is not one of the studio's media types is served as an opaque download.
 */
export const STORED_FILE_CSP =
  // The sandbox keeps scripts, forms and plugins off; it keeps the origin so that the browser's own
  // viewer can load the file it shows (a video opened in a tab fetches itself, which an opaque
  // origin would refuse). Only the file itself may load, as an image or as media.
  "default-src 'none'; img-src 'self'; media-src 'self'; sandbox allow-same-origin; frame-ancestors 'none'";

export function isServableMedia(contentType: string): boolean {
  return Object.hasOwn(MEDIA_TYPES, baseType(contentType));
}

export function storedFileHeaders(contentType: string): Record<string, string> {
  const media = isServableMedia(contentType);
  return {
    "content-type": media ? baseType(contentType) : "application/octet-stream",
    "x-content-type-options": "nosniff",
    "content-security-policy": STORED_FILE_CSP,
    ...(media ? {} : { "content-disposition": "attachment" }),
  };
}
