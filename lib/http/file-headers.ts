import { baseType, MEDIA_TYPES } from "@/lib/media/types";

/**
 * Headers for bytes someone uploaded, served from the studio's own origin (the media store and the
 * local engine's storage). Whatever a file claims to be, it never runs as a page here: the browser
 * may not sniff it into HTML, a sandboxing CSP with no sources applies if it is opened anyway, and
 * anything that is not one of the studio's media types is served as an opaque download.
 */
export const STORED_FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

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
