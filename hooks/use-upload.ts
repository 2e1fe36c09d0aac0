"use client";

import { useCallback, useState } from "react";
import { uploadFile, type Uploaded } from "@/lib/client/api";

/** Uploads one file to the studio's media store and remembers it (with a local preview URL). */
export function useUpload(kind: "image" | "audio") {
  const [file, setFile] = useState<{ name: string; preview: string; uploaded: Uploaded } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = useCallback(
    async (chosen: File) => {
      setUploading(true);
      setError(null);
      try {
        const uploaded = await uploadFile(chosen, kind);
        setFile((old) => {
          if (old) URL.revokeObjectURL(old.preview);
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
      if (old) URL.revokeObjectURL(old.preview);
      return null;
    });
    setError(null);
  }, []);

  return { file, upload, uploading, error, clear };
}
