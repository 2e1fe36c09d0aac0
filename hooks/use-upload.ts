"use client";

import { useCallback, useState } from "react";
import { loadApi } from "@/lib/client/load-api";
import type { UploadedFile } from "@/lib/client/draft-schemas";

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
        const uploaded = await (await loadApi()).uploadFile(chosen, kind);
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
