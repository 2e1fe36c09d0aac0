"use client";

import { useCallback, useState } from "react";
import { uploadFile, type Uploaded } from "@/lib/client/api";

/** A file in the studio's media store, as the forms hold it: its name, a URL to preview it, and what the upload returned. */
export type UploadedFile = { name: string; preview: string; uploaded: Uploaded };

// Previews of local picks are blob: URLs to free; a seeded file previews from the store itself.
const release = (file: UploadedFile | null) => {
  if (file?.preview.startsWith("blob:")) URL.revokeObjectURL(file.preview);
};

/**
 * Uploads one file to the studio's media store and remembers it (with a local preview URL).
 * `initial` starts it with a file already in the store, e.g. a remixed job's source image.
 */
export function useUpload(kind: "image" | "audio", initial?: UploadedFile | null) {
  const [file, setFile] = useState<UploadedFile | null>(initial ?? null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = useCallback(
    async (chosen: File) => {
      setUploading(true);
      setError(null);
      try {
        const uploaded = await uploadFile(chosen, kind);
        setFile((old) => {
          release(old);
          return { name: chosen.name, preview: URL.createObjectURL(chosen), uploaded };
        });
        return uploaded;
      } catch (err) {
        setError(err instanceof Error ? err.message : "Upload failed.");
        return null;
      } finally {
        setUploading(false);
      }
    },
    [kind],
  );

  const clear = useCallback(() => {
    setFile((old) => {
      release(old);
      return null;
    });
    setError(null);
  }, []);

  return { file, upload, uploading, error, clear };
}
