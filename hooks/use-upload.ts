"use client";

import { useCallback, useState } from "react";
import * as z from "zod/mini";
import { uploadFile } from "@/lib/client/api";
import { mediaUrlSchema } from "@/lib/tasks/media-url";

/**
 * A file in the studio's media store, as the forms hold it (and keep it in their drafts): its name,
 * the URL to preview it (the store's own, so it still shows after a reload) and what the upload returned.
 */
export const uploadedFileSchema = z.object({
  name: z.string().check(z.maxLength(300)),
  preview: mediaUrlSchema,
  uploaded: z.object({
    url: mediaUrlSchema,
    contentType: z.string().check(z.maxLength(200)),
    bytes: z.int().check(z.nonnegative()),
    width: z.optional(z.int().check(z.positive())),
    height: z.optional(z.int().check(z.positive())),
  }),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/**
 * Uploads one file to the studio's media store for a form that holds it (`file`, `onFile`): a remixed
 * job's source image or a restored draft's upload comes in the same way as a new pick.
 */
export function useUpload(kind: "image" | "audio", file: UploadedFile | null, onFile: (file: UploadedFile | null) => void) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = useCallback(
    async (chosen: File) => {
      setUploading(true);
      setError(null);
      try {
        const uploaded = await uploadFile(chosen, kind);
        onFile({ name: chosen.name, preview: uploaded.url, uploaded });
        return uploaded;
      } catch (err) {
        setError(err instanceof Error ? err.message : "Upload failed.");
        return null;
      } finally {
        setUploading(false);
      }
    },
    [kind, onFile],
  );

  const clear = useCallback(() => {
    onFile(null);
    setError(null);
  }, [onFile]);

  return { file, upload, uploading, error, clear };
}
