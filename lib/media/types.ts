/** The media types the studio stores, and the file extension each is served under. */
export const MEDIA_TYPES: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/webm": "weba",
  "audio/ogg": "ogg",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};

/** The bare MIME type (`audio/webm;codecs=opus` → `audio/webm`). */
export const baseType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

/** `/api/media/<sha256>.<ext>` (or just the name) → its parts. */
export function parseMediaName(nameOrUrl: string): { sha256: string; ext: string } | undefined {
  const m = nameOrUrl.match(/(?:^|\/)([a-f0-9]{64})\.([a-z0-9]{2,5})$/);
  return m ? { sha256: m[1]!, ext: m[2]! } : undefined;
}

export const mediaUrl = (sha256: string, ext: string) => `/api/media/${sha256}.${ext}`;
