import { z } from "zod";
import { AppError } from "@/lib/errors";
import { declaredLength } from "@/lib/http/body";
import { handler } from "@/lib/http/route";
import { storeUpload } from "@/lib/media/upload";

/**
 * Takes one file as the raw request body (Content-Type = the file's type) and streams it into
 * the media store, which refuses bytes that do not decode as an image or audio (415).
 * `?kind=image|audio` says what the page expects, for a clear error otherwise.
 */
const query = z.object({ kind: z.enum(["image", "audio"]) });

export const POST = handler(async (req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", "Say what is uploaded: ?kind=image or ?kind=audio.");
  const type = req.headers.get("content-type") ?? "";
  // The type is checked first, so a wrong file gets that message rather than "empty".
  const saved = await storeUpload(req.body ?? new ReadableStream({ start: (c) => c.close() }), type, parsed.data.kind, declaredLength(req.headers));
  // Next gzips a reply whose length it cannot see (any route's); for these few hundred bytes that
  // costs more than it saves, on both ends. no-transform is compression's own way to be told so.
  return Response.json(saved, { status: 201, headers: { "cache-control": "no-store, no-transform" } });
}, { bodyTypes: "any" }); // checked against the kind, with a clearer message
