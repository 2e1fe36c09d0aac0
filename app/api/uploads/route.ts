import { z } from "zod";
import { AppError } from "@/lib/errors";
import { declaredLength } from "@/lib/http/body";
import { handler } from "@/lib/http/route";
import { saveMedia } from "@/lib/media/store";
import { baseType } from "@/lib/media/types";
import { MAX_IMAGE_INPUT_PIXELS } from "@/lib/providers/catalog";

/**
 * Takes one file as the raw request body (Content-Type = the file's type) and streams it into
 * the media store, which refuses bytes that do not decode as an image or audio (415).
 * `?kind=image|audio` says what the page expects, for a clear error otherwise.
 */
const KINDS = {
  image: { types: ["image/png", "image/jpeg", "image/webp"], maxBytes: 25 * 1024 * 1024, label: "an image (PNG, JPEG or WebP)" },
  audio: {
    types: ["audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/wav", "audio/x-wav", "audio/wave", "audio/webm", "audio/ogg", "audio/flac", "audio/x-flac", "video/webm", "video/mp4"],
    maxBytes: 100 * 1024 * 1024,
    label: "an audio file (MP3, WAV, M4A, OGG, FLAC or WebM)",
  },
} as const;

const query = z.object({ kind: z.enum(["image", "audio"]) });

export const POST = handler(async (req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", "Say what is uploaded: ?kind=image or ?kind=audio.");
  const kind = KINDS[parsed.data.kind];
  const type = baseType(req.headers.get("content-type") ?? "");
  if (!(kind.types as readonly string[]).includes(type)) {
    throw new AppError("unsupported", `Please upload ${kind.label}; this file is ${type || "of an unknown type"}.`);
  }
  if ((declaredLength(req.headers) ?? 0) > kind.maxBytes) throw new AppError("payload_too_large", `The file is larger than ${kind.maxBytes / 1024 / 1024} MB.`);
  if (!req.body) throw new AppError("bad_request", "The file is empty.");

  // Recorded audio arrives as video/webm from some browsers; it is stored as audio.
  const storedType = type === "video/webm" && parsed.data.kind === "audio" ? "audio/webm" : type === "video/mp4" ? "audio/mp4" : type;
  const saved = await saveMedia(req.body, storedType, { maxBytes: kind.maxBytes, maxPixels: MAX_IMAGE_INPUT_PIXELS });
  return Response.json(saved, { status: 201 });
}, { bodyTypes: "any" }); // checked above against the kind, with a clearer message
